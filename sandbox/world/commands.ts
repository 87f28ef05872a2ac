import type { World } from './world.js';

export type CommandStatus =
  | 'queued' | 'scheduled' | 'delivered' | 'running' | 'awaiting_approval'
  | 'completed' | 'failed' | 'rejected' | 'error' | 'stuck';

const TERMINAL: ReadonlySet<CommandStatus> = new Set(['completed', 'failed', 'rejected', 'error', 'stuck']);

export interface CommandRecord {
  id: string;
  shell: string;
  line: string;
  data: string;
  env: Record<string, string> | null;
  username: string;
  groupname: string;
  server: string;
  requestedBy: string;
  runAfter: string[];
  workSession: string | null;
  addedAt: number;
  scheduledAt: number | null;
  deliveredAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  status: CommandStatus;
  success: boolean | null;
  exitCode: number | null;
  errorPhase: string | null;
  result: string;
  chunks: { seq: number; content: string }[];
}

/** Runs a command's payload; S2's WebFTP downloads pass their own instead of a shell line. */
export type CommandExecutor = (signal: AbortSignal) => Promise<{ output: string; exitCode: number }>;

export interface SubmitInput {
  server: string;
  line: string;
  requestedBy: string;
  shell?: string;
  data?: string;
  env?: Record<string, string> | null;
  username?: string;
  groupname?: string;
  scheduledAt?: number | null;
  runAfter?: string[];
  workSession?: string | null;
  /** Replaces running `line` in the host's shell. */
  execute?: CommandExecutor;
}

export interface CommandServiceOptions {
  /** Time each state transition takes (default 20 ms). */
  stepMs: number;
  /** Lines matching this park in `awaiting_approval`. */
  approvalPattern: RegExp;
}

export const DEFAULT_APPROVAL_PATTERN = /^\s*(sudo\s+)?(reboot|shutdown|poweroff|halt)\b/;

export function isTerminal(status: CommandStatus): boolean {
  return TERMINAL.has(status);
}

/** Commands and their state machine: queued → delivered → running → completed | failed. */
export class CommandService {
  private readonly byId = new Map<string, CommandRecord>();
  private readonly order: CommandRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly executors = new Map<string, CommandExecutor>();
  private readonly aborts = new Map<string, AbortController>();
  private stopped = false;

  constructor(private readonly world: World, readonly options: CommandServiceOptions) {}

  get(id: string): CommandRecord | undefined {
    return this.byId.get(id);
  }

  /** Newest first. */
  list(): CommandRecord[] {
    return [...this.order].reverse();
  }

  submit(input: SubmitInput): CommandRecord {
    const now = Date.now();
    const record: CommandRecord = {
      id: this.world.newId(), shell: input.shell ?? 'system', line: input.line, data: input.data ?? '', env: input.env ?? null,
      username: input.username ?? '', groupname: input.groupname ?? '', server: input.server, requestedBy: input.requestedBy,
      runAfter: input.runAfter ?? [], workSession: input.workSession ?? null, addedAt: now, scheduledAt: input.scheduledAt ?? null,
      deliveredAt: null, startedAt: null, finishedAt: null, status: 'queued', success: null, exitCode: null, errorPhase: null,
      result: '', chunks: [],
    };
    this.byId.set(record.id, record);
    this.order.push(record);
    if (input.execute !== undefined) this.executors.set(record.id, input.execute);
    if (input.execute === undefined && this.options.approvalPattern.test(record.line)) {
      record.status = 'awaiting_approval';
      return record;
    }
    const delay = record.scheduledAt !== null ? Math.max(0, record.scheduledAt - now) : 0;
    if (delay > 0) record.status = 'scheduled';
    this.after(delay + this.options.stepMs, () => this.deliver(record));
    return record;
  }

  /** Approves a command parked in `awaiting_approval`; it then runs like any other. */
  approve(id: string): boolean {
    const record = this.byId.get(id);
    if (record?.status !== 'awaiting_approval') return false;
    record.status = 'queued';
    this.after(this.options.stepMs, () => this.deliver(record));
    return true;
  }

  reject(id: string): boolean {
    const record = this.byId.get(id);
    if (record?.status !== 'awaiting_approval') return false;
    this.finish(record, 'rejected', { success: false, exitCode: null, output: '', errorPhase: null });
    return true;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const abort of this.aborts.values()) abort.abort();
  }

  private after(ms: number, step: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      step();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private deliver(record: CommandRecord): void {
    const server = this.world.servers.get(record.server);
    if (server === undefined || !server.is_connected) {
      this.after(this.options.stepMs * 2, () =>
        this.finish(record, 'error', { success: false, exitCode: 1, output: '', errorPhase: 'agent_disconnected' }));
      return;
    }
    record.status = 'delivered';
    record.deliveredAt = Date.now();
    this.after(this.options.stepMs, () => void this.run(record));
  }

  private async run(record: CommandRecord): Promise<void> {
    record.status = 'running';
    record.startedAt = Date.now();
    const abort = new AbortController();
    this.aborts.set(record.id, abort);
    const minimum = new Promise<void>((resolve) => this.after(this.options.stepMs, resolve));
    let outcome: { output: string; exitCode: number };
    try {
      outcome = await this.execute(record, abort.signal);
    } catch (error) {
      outcome = { output: error instanceof Error ? error.message : String(error), exitCode: 1 };
    }
    this.aborts.delete(record.id);
    if (this.stopped) return;
    await minimum;
    const success = outcome.exitCode === 0;
    this.finish(record, success ? 'completed' : 'failed', { success, exitCode: outcome.exitCode, output: outcome.output, errorPhase: null });
  }

  private async execute(record: CommandRecord, signal: AbortSignal): Promise<{ output: string; exitCode: number }> {
    const executor = this.executors.get(record.id);
    if (executor !== undefined) return executor(signal);
    const host = this.world.host(record.server);
    const requester = this.world.users.get(record.requestedBy);
    const user = record.username !== '' ? record.username : requester?.username ?? 'root';
    const result = await host.exec(record.line, { user, env: record.env ?? undefined }, signal);
    return { output: result.output, exitCode: result.exitCode };
  }

  private finish(
    record: CommandRecord,
    status: CommandStatus,
    outcome: { success: boolean; exitCode: number | null; output: string; errorPhase: string | null },
  ): void {
    record.status = status;
    record.success = outcome.success;
    record.exitCode = outcome.exitCode;
    record.errorPhase = outcome.errorPhase;
    record.result = outcome.output;
    record.finishedAt = Date.now();
    record.chunks = splitChunks(outcome.output);
    this.executors.delete(record.id);
  }
}

/** Output split into line chunks, as the agent streams it. */
function splitChunks(output: string): { seq: number; content: string }[] {
  if (output === '') return [];
  const lines = output.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return lines.map((content, index) => ({ seq: index + 1, content }));
}

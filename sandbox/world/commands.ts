import type { World } from './world.js';

/**
 * Command statuses of today's service (CLI `api/event/types.go` IsRunningStatus / IsAwaitingApprovalStatus /
 * IsRejectedStatus, `api/event/event.go` errorFromDetails). The 2024 generation derives its status object from the
 * timestamps instead (see routes/command-json.ts).
 */
export type CommandStatus =
  | 'queued' | 'scheduled' | 'delivered' | 'acked' | 'running' | 'awaiting_approval'
  | 'completed' | 'failed' | 'rejected' | 'error' | 'stuck' | 'cancelled';

const TERMINAL: ReadonlySet<CommandStatus> = new Set(['completed', 'failed', 'rejected', 'error', 'stuck', 'cancelled']);

export interface Chunk {
  seq: number;
  content: string;
}

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
  /** The whole output, kept for the 2024 generation (which serves it as `result`); today's service serves `result` empty. */
  result: string;
  /** Output chunks persisted so far (what `/chunks/` serves), seq from 0. */
  chunks: Chunk[];
  /** Seqs produced so far, persisted or not (the next chunk gets `produced`). */
  produced: number;
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
  /** Park in `awaiting_approval` when the line matches the approval pattern (today's service only). */
  approvals?: boolean;
}

export interface CommandServiceOptions {
  /** Time each state transition takes (default 20 ms). */
  stepMs: number;
  /** Lines matching this park in `awaiting_approval`. */
  approvalPattern: RegExp;
  /**
   * A command for a disconnected server stays queued (the 2024 server executes only when the server is connected,
   * events/api/views.py perform_create) instead of ending in `error` / `agent_disconnected` (today's service).
   */
  queueWhileDisconnected?: boolean;
}

/** Test levers for the output stream: chunks persisted late or never, frames the events WebSocket drops. */
export interface ChunkFaults {
  /** These seqs reach `/chunks/` only `lateMs` after the command finished. */
  late?: number[];
  lateMs?: number;
  /** These seqs never reach `/chunks/`. */
  lost?: number[];
  /** These seqs are not sent over the events WebSocket (they are persisted as usual). */
  wsDrop?: number[];
}

export type CommandEvent =
  | { type: 'chunk'; record: CommandRecord; chunk: Chunk }
  | { type: 'fin'; record: CommandRecord };

export const DEFAULT_APPROVAL_PATTERN = /^\s*(sudo\s+)?(reboot|shutdown|poweroff|halt)\b/;

export function isTerminal(status: CommandStatus): boolean {
  return TERMINAL.has(status);
}

/**
 * Commands and their state machine: queued → delivered → acked → running → completed | failed, output streamed as
 * line chunks while it runs. `awaiting_approval` → (approve) a transient `error` → queued …, or (reject) `rejected`;
 * `cancel` ends any unfinished command in `cancelled`.
 */
export class CommandService {
  private readonly byId = new Map<string, CommandRecord>();
  private readonly order: CommandRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly executors = new Map<string, CommandExecutor>();
  private readonly aborts = new Map<string, AbortController>();
  private readonly listeners = new Set<(event: CommandEvent) => void>();
  private stopped = false;
  /** See ChunkFaults; applies to commands that produce output after it is set. */
  chunkFaults: ChunkFaults = {};

  constructor(private readonly world: World, readonly options: CommandServiceOptions) {}

  get(id: string): CommandRecord | undefined {
    return this.byId.get(id);
  }

  /** Newest first. */
  list(): CommandRecord[] {
    return [...this.order].reverse();
  }

  /** Output chunks and fins as they happen (the events WebSocket listens here). Returns the unsubscribe function. */
  onEvent(listener: (event: CommandEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  submit(input: SubmitInput): CommandRecord {
    const now = Date.now();
    const record: CommandRecord = {
      id: this.world.newId(), shell: input.shell ?? 'system', line: input.line, data: input.data ?? '', env: input.env ?? null,
      username: input.username ?? '', groupname: input.groupname ?? '', server: input.server, requestedBy: input.requestedBy,
      runAfter: input.runAfter ?? [], workSession: input.workSession ?? null, addedAt: now, scheduledAt: input.scheduledAt ?? null,
      deliveredAt: null, startedAt: null, finishedAt: null, status: 'queued', success: null, exitCode: null, errorPhase: null,
      result: '', chunks: [], produced: 0,
    };
    this.byId.set(record.id, record);
    this.order.push(record);
    if (input.execute !== undefined) this.executors.set(record.id, input.execute);
    if (input.execute === undefined && (input.approvals ?? true) && this.options.approvalPattern.test(record.line)) {
      record.status = 'awaiting_approval';
      return record;
    }
    const delay = record.scheduledAt !== null ? Math.max(0, record.scheduledAt - now) : 0;
    if (delay > 0) record.status = 'scheduled';
    this.after(delay + this.options.stepMs, () => this.deliver(record));
    return record;
  }

  /**
   * Approves a command parked in `awaiting_approval`. Like the real service it shows a transient `error` for one step
   * between approve and deliver (CLI `api/event/event.go` isPollWaitStatus), then runs like any other.
   */
  approve(id: string): boolean {
    const record = this.byId.get(id);
    if (record?.status !== 'awaiting_approval') return false;
    record.status = 'error';
    this.after(this.options.stepMs, () => {
      if (record.status !== 'error') return;
      record.status = 'queued';
      this.after(this.options.stepMs, () => this.deliver(record));
    });
    return true;
  }

  reject(id: string): boolean {
    const record = this.byId.get(id);
    if (record?.status !== 'awaiting_approval') return false;
    this.finish(record, 'rejected', { success: false, exitCode: null, output: '', errorPhase: null });
    return true;
  }

  /** Cancels a command that has not finished (it stops where it is; output so far is kept). */
  cancel(id: string): boolean {
    const record = this.byId.get(id);
    if (record === undefined || isTerminal(record.status)) return false;
    this.aborts.get(record.id)?.abort();
    this.finish(record, 'cancelled', { success: false, exitCode: null, output: record.result, errorPhase: null });
    return true;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const abort of this.aborts.values()) abort.abort();
    this.listeners.clear();
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

  private emit(event: CommandEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private deliver(record: CommandRecord): void {
    if (isTerminal(record.status)) return;
    const server = this.world.servers.get(record.server);
    if (server === undefined || !server.is_connected) {
      if (this.options.queueWhileDisconnected) return;
      this.after(this.options.stepMs * 2, () => {
        if (!isTerminal(record.status)) this.finish(record, 'error', { success: false, exitCode: 1, output: '', errorPhase: 'agent_disconnected' });
      });
      return;
    }
    record.status = 'delivered';
    record.deliveredAt = Date.now();
    this.after(this.options.stepMs, () => {
      if (isTerminal(record.status)) return;
      record.status = 'acked';
      this.after(this.options.stepMs, () => void this.run(record));
    });
  }

  private async run(record: CommandRecord): Promise<void> {
    if (isTerminal(record.status)) return;
    record.status = 'running';
    record.startedAt = Date.now();
    const abort = new AbortController();
    this.aborts.set(record.id, abort);
    const minimum = new Promise<void>((resolve) => this.after(this.options.stepMs, resolve));
    let outcome: { output: string; exitCode: number };
    try {
      outcome = await this.execute(record, abort.signal);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.produce(record, message);
      outcome = { output: record.result, exitCode: 1 };
    }
    this.aborts.delete(record.id);
    if (this.stopped || isTerminal(record.status)) return;
    await minimum;
    if (isTerminal(record.status)) return;
    const success = outcome.exitCode === 0;
    this.finish(record, success ? 'completed' : 'failed', { success, exitCode: outcome.exitCode, output: outcome.output, errorPhase: null });
  }

  private async execute(record: CommandRecord, signal: AbortSignal): Promise<{ output: string; exitCode: number }> {
    const executor = this.executors.get(record.id);
    if (executor !== undefined) {
      const done = await executor(signal);
      this.produce(record, done.output);
      return { output: record.result, exitCode: done.exitCode };
    }
    const host = this.world.host(record.server);
    const requester = this.world.users.get(record.requestedBy);
    const user = record.username !== '' ? record.username : requester?.username ?? 'root';
    const result = await host.exec(record.line, { user, env: record.env ?? undefined }, signal, (text) => {
      if (!isTerminal(record.status)) this.produce(record, text);
    });
    return { output: record.result, exitCode: result.exitCode };
  }

  /** New output: one chunk per line, persisted (unless a fault holds it back) and announced. */
  private produce(record: CommandRecord, text: string): void {
    if (text === '') return;
    record.result += text;
    const faults = this.chunkFaults;
    for (const content of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
      const chunk = { seq: record.produced, content };
      record.produced += 1;
      if (faults.late?.includes(chunk.seq)) this.persistLate(record, chunk, faults.lateMs ?? this.options.stepMs * 4);
      else if (!faults.lost?.includes(chunk.seq)) record.chunks.push(chunk);
      if (!faults.wsDrop?.includes(chunk.seq)) this.emit({ type: 'chunk', record, chunk });
    }
  }

  private persistLate(record: CommandRecord, chunk: Chunk, lateMs: number): void {
    const waitForFinish = () => {
      if (record.finishedAt === null) this.after(this.options.stepMs, waitForFinish);
      else this.after(lateMs, () => record.chunks.push(chunk));
    };
    waitForFinish();
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
    this.executors.delete(record.id);
    this.emit({ type: 'fin', record });
  }
}

import { AlpaconMcpError, CancelledError, ErrorCode, trimOutput, type AlpaconTarget, type RawData, type WebSocket } from '../../core/index.js';
import { cleanTerminalText, FrameReader, frameCommand, frameSync, syncMarker } from './framing.js';
import { POWERSHELL_REFUSAL, TerminalHandshake } from './handshake.js';

/** The result of one framed command. */
export interface CommandResult {
  command: string;
  output: string;
  /** null when the shell ended during the command (for example `exit`), so no status could be read. */
  exit_code: number | null;
  duration_ms: number;
  truncated?: boolean;
  total_bytes?: number;
  session_ended?: boolean;
}

export interface ConnectionInfo {
  target: AlpaconTarget;
  serverId: string;
  sessionId: string;
  channelId: string;
  username: string;
  groupname: string;
}

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

const SYNC_TIMEOUT_MS = 3_000;
/** How long a new terminal may take to show its prompt (the 2024 server waits for the agent to join first). */
const READY_TIMEOUT_MS = 15_000;
/** Close codes of a session that ended normally (proxy/alpamon 4000; 1000/1001 as the CLI accepts). */
const NORMAL_END = new Set([1000, 1001, 4000]);

/**
 * One Websh WebSocket: raw terminal bytes both ways. Runs one framed command at a time (callers queue), recovers the shell
 * with Ctrl-C after a timeout or cancellation, and reports a drop instead of re-sending anything.
 */
export class WebshConnection {
  readonly createdAt = Date.now();
  lastUsedAt = Date.now();
  commands = 0;
  private readonly decoder = new TextDecoder('utf-8');
  private listener: ((text: string) => void) | undefined;
  private closeListeners: ((code: number, reason: string) => void)[] = [];
  private closed: { code: number; reason: string } | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private broken = false;
  private readonly handshake = new TerminalHandshake();

  constructor(
    private readonly socket: WebSocket,
    readonly info: ConnectionInfo,
  ) {
    const readyTimer = setTimeout(() => this.handshake.finish(), READY_TIMEOUT_MS);
    readyTimer.unref();
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const text = this.decoder.decode(toBytes(data), { stream: true });
      // Commands go only once the terminal waits for input (its prompt), not on its first byte (see handshake.ts).
      if (!this.handshake.isReady) {
        this.handshake.feed(text, isBinary);
        if (this.handshake.isReady) clearTimeout(readyTimer);
        return;
      }
      this.listener?.(text);
    });
    socket.on('close', (code: number, reason: Buffer) => {
      clearTimeout(readyTimer);
      this.handshake.finish();
      this.closed = { code, reason: reason.toString('utf8') };
      for (const listener of this.closeListeners) listener(code, this.closed.reason);
    });
    socket.on('error', () => undefined);
    socket.resume();
  }

  /** Open and usable: not closed, not left in an unknown state by a failed recovery. */
  get alive(): boolean {
    return this.closed === undefined && !this.broken && this.socket.readyState === this.socket.OPEN;
  }

  get closeReason(): string | undefined {
    return this.closed === undefined ? undefined : describeClose(this.closed.code, this.closed.reason);
  }

  onClose(listener: (code: number, reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  /** Runs commands strictly one after another on this terminal. */
  run(command: string, options: RunOptions): Promise<CommandResult> {
    const next = this.chain.then(() => this.runNow(command, options));
    this.chain = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.listener = undefined;
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) this.socket.close(1000);
    setTimeout(() => this.socket.terminate(), 1_000).unref();
  }

  private async runNow(command: string, options: RunOptions): Promise<CommandResult> {
    await this.handshake.ready;
    this.ensureAlive();
    this.ensureUsableShell();
    if (options.signal?.aborted) throw new CancelledError('The command');
    const started = Date.now();
    this.lastUsedAt = started;
    this.commands += 1;
    const frame = frameCommand(command);
    const reader = new FrameReader(frame.id);
    const outcome = await new Promise<'done' | 'timeout' | 'cancelled' | 'closed' | 'powershell'>((resolve) => {
      const finish = (how: 'done' | 'timeout' | 'cancelled' | 'closed' | 'powershell'): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.closeListeners = this.closeListeners.filter((l) => l !== onClosed);
        this.listener = undefined;
        resolve(how);
      };
      const timer = setTimeout(() => finish('timeout'), options.timeoutMs);
      const onAbort = (): void => finish('cancelled');
      const onClosed = (): void => finish('closed');
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.closeListeners.push(onClosed);
      this.listener = (text) => {
        if (reader.push(text)) finish('done');
        else if (!reader.hasStarted && POWERSHELL_REFUSAL.test(cleanTerminalText(text))) finish('powershell');
      };
      this.send(frame.line);
    });
    const duration = Date.now() - started;
    this.lastUsedAt = Date.now();
    const collected = reader.result();
    if (outcome === 'powershell') {
      this.handshake.shell = 'powershell';
      this.broken = true;
      this.ensureUsableShell();
    }
    if (outcome === 'done') return this.toResult(command, collected.raw, collected.exitCode ?? null, duration, collected.droppedChars);
    if (outcome === 'closed') {
      const closed = this.closed ?? { code: 1006, reason: '' };
      if (reader.hasStarted && NORMAL_END.has(closed.code)) {
        return { ...this.toResult(command, collected.raw, null, duration, collected.droppedChars), session_ended: true };
      }
      throw new AlpaconMcpError(ErrorCode.ConnectionLost, `The Websh connection dropped while the command was running (${describeClose(closed.code, closed.reason)}). It was not re-sent; whether it ran on the server is unknown.`, {
        hint: 'Check the server state (for example with a read-only command) before running it again; the next call opens a new session.',
        details: { partial_output: trimOutput(cleanTerminalText(collected.raw), 4096).text, started: reader.hasStarted },
      });
    }
    await this.recover();
    if (outcome === 'cancelled') throw new CancelledError('The command');
    throw new AlpaconMcpError(ErrorCode.Timeout, `The command did not finish within ${Math.round(options.timeoutMs / 1000)} s and was interrupted (Ctrl-C).`, {
      hint: 'Raise `timeout` (up to 3600 s) for long commands, or run them in the background (nohup ... &) and check later.',
      details: { partial_output: trimOutput(cleanTerminalText(collected.raw), 4096).text, timeout_ms: options.timeoutMs },
    });
  }

  /** Interrupts whatever runs and waits for a fresh marker; a terminal that does not come back is marked broken (replaced). */
  private async recover(): Promise<void> {
    for (let attempt = 0; attempt < 2 && this.alive; attempt += 1) {
      this.send('\x03');
      await sleep(150);
      if (!this.alive) return;
      const sync = frameSync();
      const marker = syncMarker(sync.id);
      let seen = '';
      const found = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.listener = undefined;
          resolve(false);
        }, SYNC_TIMEOUT_MS);
        this.listener = (text) => {
          seen = (seen + text).slice(-4096);
          if (seen.includes(marker)) {
            clearTimeout(timer);
            this.listener = undefined;
            resolve(true);
          }
        };
        this.send(sync.line);
      });
      if (found) return;
    }
    this.broken = true;
  }

  private toResult(command: string, raw: string, exitCode: number | null, duration: number, dropped: number): CommandResult {
    const trimmed = trimOutput(cleanTerminalText(raw));
    const result: CommandResult = { command, output: trimmed.text, exit_code: exitCode, duration_ms: duration };
    if (trimmed.truncated || dropped > 0) {
      result.truncated = true;
      result.total_bytes = trimmed.total_bytes + dropped;
    }
    return result;
  }

  private ensureAlive(): void {
    if (this.alive) return;
    throw new AlpaconMcpError(ErrorCode.ConnectionLost, `The Websh connection is closed (${this.closeReason ?? 'left in an unknown state'}).`, {
      hint: 'Open a new channel (websh_channel_connect) or use execute_command, which replaces dropped connections.',
    });
  }

  /** Binary frames as the CLI sends them; text frames for a server that forwards only those (2024). */
  private send(text: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.handshake.textInput) this.socket.send(text);
    else this.socket.send(Buffer.from(text, 'utf8'), { binary: true });
  }

  /** The framing is POSIX shell; a PowerShell terminal (Windows hosts) or one that never became ready gets a clear error. */
  private ensureUsableShell(): void {
    if (this.handshake.awaitingAgent) {
      this.broken = true;
      throw new AlpaconMcpError(ErrorCode.Timeout, `The server's terminal did not join the Websh session within ${READY_TIMEOUT_MS / 1000} s (Alpacon still said "Please wait").`, {
        hint: 'Check that the server is connected (get_server) and its agent is running, then try again.',
      });
    }
    if (this.handshake.shell !== 'powershell') return;
    throw new AlpaconMcpError(ErrorCode.Unsupported, 'This server\'s Websh terminal runs PowerShell (a Windows host); Websh commands here need a POSIX shell (sh, bash) to read their output and exit status.', {
      hint: 'Use execute_command_sync for this server instead (the agent runs the command directly), or open the terminal in the Alpacon web console.',
      details: { shell: 'powershell' },
    });
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function describeClose(code: number, reason: string): string {
  const why = code === 1006 ? 'connection lost without a close frame' : code === 4000 ? 'session ended' : 'closed';
  return `WebSocket code ${code}, ${why}${reason ? `: ${reason}` : ''}`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

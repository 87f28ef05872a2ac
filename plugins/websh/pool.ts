import { AlpaconMcpError, ErrorCode, type AlpaconTarget, type Logger } from '../../core/index.js';
import type { CommandResult, WebshConnection } from './connection.js';
import type { NewSession, WebshApi } from './websh-api.js';

export interface PoolOptions {
  /** Close a connection after this long without a command. */
  idleMs: number;
}

export interface PoolRequest extends NewSession {
  /** The MCP session (or stateless caller) the connection belongs to: pooled connections are never shared across owners. */
  owner: string;
  target: AlpaconTarget;
  serverId: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A failed command inside a batch: the batch stops there. */
export interface BatchFailure {
  command: string;
  error: { code: string; message: string; hint?: string };
}

export interface PooledRun {
  results: (CommandResult | BatchFailure)[];
  sessionId: string;
  reused: boolean;
}

interface Entry {
  connection?: WebshConnection;
  /** Commands waiting for or holding this entry; the idle timer only runs at zero. */
  users: number;
  chain: Promise<unknown>;
  idleTimer?: NodeJS.Timeout;
}

/**
 * Live Websh connections keyed by region, workspace, server, run-as user and work session (a session opened under one
 * work session, or none, is never used for another). Commands to one key run one at a time on its
 * connection; different keys run in parallel. A dropped connection is replaced on the next command (WebSocket URLs are
 * single-use, so that means a new session); a command in flight when it dropped fails and is never re-sent.
 */
export class WebshPool {
  private readonly entries = new Map<string, Entry>();
  private closing = false;
  private readonly disposed = new WeakSet<WebshConnection>();

  constructor(
    private readonly api: WebshApi,
    private readonly options: PoolOptions,
    private readonly log: Logger,
  ) {}

  get size(): number {
    return [...this.entries.values()].filter((entry) => entry.connection?.alive).length;
  }

  /** Runs the commands in order on the key's connection; with stopOnError, stops after the first non-zero exit. */
  run(request: PoolRequest, commands: readonly string[], stopOnError = false): Promise<PooledRun> {
    if (this.closing) throw new AlpaconMcpError(ErrorCode.Unavailable, 'The server is shutting down; no new Websh commands.');
    const key = poolKey(request);
    const entry = this.entries.get(key) ?? { users: 0, chain: Promise.resolve() };
    this.entries.set(key, entry);
    entry.users += 1;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    const turn = entry.chain.then(() => this.runLocked(entry, request, commands, stopOnError));
    entry.chain = turn.catch(() => undefined);
    return turn.finally(() => {
      entry.users -= 1;
      if (entry.users === 0) this.armIdle(key, entry);
    });
  }

  /** Closes every pooled session through the API (shutdown). */
  async closeAll(): Promise<void> {
    this.closing = true;
    const closing = [...this.entries.values()].map((entry) => {
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      const connection = entry.connection;
      entry.connection = undefined;
      return connection ? this.dispose(connection) : Promise.resolve();
    });
    this.entries.clear();
    await Promise.allSettled(closing);
  }

  private async runLocked(entry: Entry, request: PoolRequest, commands: readonly string[], stopOnError: boolean): Promise<PooledRun> {
    let reused = true;
    if (!entry.connection?.alive) {
      if (entry.connection) void this.dispose(entry.connection);
      entry.connection = undefined;
      const connection = await this.api.openConnection(request.target, request.serverId, request, request.signal);
      entry.connection = connection;
      reused = false;
      connection.onClose((code) => {
        this.log.debug('websh connection closed', { session: connection.info.sessionId, code });
        if (entry.connection === connection) entry.connection = undefined;
        // The session may outlive its dropped socket on the server; close it so it does not linger.
        if (code !== 4000 && !this.closing && !this.disposed.has(connection)) void this.api.closeQuietly(connection.info.target, connection.info.sessionId);
      });
    }
    const connection = entry.connection;
    const results = await runSequence(connection, commands, request, stopOnError);
    return { results, sessionId: connection.info.sessionId, reused };
  }

  private armIdle(key: string, entry: Entry): void {
    entry.idleTimer = setTimeout(() => {
      if (entry.users > 0 || this.entries.get(key) !== entry) return;
      this.entries.delete(key);
      if (entry.connection) void this.dispose(entry.connection);
    }, this.options.idleMs);
    entry.idleTimer.unref();
  }

  private async dispose(connection: WebshConnection): Promise<void> {
    if (this.disposed.has(connection)) return;
    this.disposed.add(connection);
    connection.close();
    await this.api.closeQuietly(connection.info.target, connection.info.sessionId);
  }
}

export function poolKey(request: PoolRequest): string {
  return [
    request.owner, request.target.region, request.target.workspace, request.serverId, request.username ?? '', request.groupname ?? '', request.workSession ?? '',
  ].join('/');
}

/** Runs commands in order on one connection. A failure ends the sequence: alone it is thrown, in a batch it is recorded. */
export async function runSequence(
  connection: WebshConnection,
  commands: readonly string[],
  request: Pick<PoolRequest, 'timeoutMs' | 'signal'>,
  stopOnError: boolean,
): Promise<(CommandResult | BatchFailure)[]> {
  const results: (CommandResult | BatchFailure)[] = [];
  for (const command of commands) {
    try {
      const result = await connection.run(command, { timeoutMs: request.timeoutMs, signal: request.signal });
      results.push(result);
      if (result.session_ended || (stopOnError && result.exit_code !== 0)) break;
    } catch (error) {
      if (commands.length === 1 || !(error instanceof AlpaconMcpError) || error.code === ErrorCode.Cancelled) throw error;
      results.push({ command, error: { code: error.code, message: error.message, hint: error.hint } });
      break;
    }
  }
  return results;
}

import { AlpaconMcpError, CancelledError, ErrorCode, NO_CALL_SIGNAL, type AlpaconTarget, type Logger } from '../../core/index.js';
import type { CommandResult, WebshConnection } from './connection.js';
import type { NewSession, WebshApi } from './websh-api.js';

export interface PoolOptions {
  /** Close a connection after this long without a command. */
  idleMs: number;
  /** At most this many connections per key (server, user, work session): overlapping calls beyond it wait their turn. */
  maxConnections: number;
  /** After a call, its key keeps at least this many connections open besides the one it used (within maxConnections), so
   * the next overlapping calls skip the new-session cost (REST, WebSocket handshake, terminal start). 0: none. */
  warmSpares: number;
}

export interface PoolRequest extends NewSession {
  /** The MCP session (or stateless caller) the connection belongs to: pooled connections are never shared across owners. */
  owner: string;
  target: AlpaconTarget;
  serverId: string;
  timeoutMs: number;
  signal: AbortSignal;
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

/** One connection of a key: used by one call at a time, closed after idling. */
interface Slot {
  connection?: WebshConnection;
  busy: boolean;
  idleTimer?: NodeJS.Timeout;
  /** A warm spare being opened in the background (busy until ready). */
  opening?: boolean;
  /** Its owner's MCP session ended while the spare was opening: close it once open. */
  discard?: boolean;
}

interface Entry {
  slots: Slot[];
  /** Calls waiting for a slot when all `maxConnections` are busy, first come first served. */
  waiting: ((slot: Slot) => void)[];
}

/**
 * Live Websh connections keyed by region, workspace, server, run-as user and work session (a session opened under one
 * work session, or none, is never used for another). A call takes an idle connection of its key; when all are busy it opens
 * another, up to `maxConnections`, and beyond that waits for the first one freed. So parallel calls run in parallel and
 * sequential calls reuse one session. With `warmSpares`, after each call the key keeps at least 1 + warmSpares connections
 * open (spares opened in the background). Each connection closes after `idleMs` unused. A dropped connection is replaced on the
 * next command (WebSocket URLs are single-use, so that means a new session); a command in flight when it dropped fails and is
 * never re-sent.
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

  /** Live connections over all keys. */
  get size(): number {
    return [...this.entries.values()].flatMap((entry) => entry.slots).filter((slot) => slot.connection?.alive).length;
  }

  /** Runs the commands in order on one connection of the key; with stopOnError, stops after the first non-zero exit. */
  async run(request: PoolRequest, commands: readonly string[], stopOnError = false): Promise<PooledRun> {
    if (this.closing) throw new AlpaconMcpError(ErrorCode.Unavailable, 'The server is shutting down; no new Websh commands.');
    const key = poolKey(request);
    const entry = this.entries.get(key) ?? { slots: [], waiting: [] };
    this.entries.set(key, entry);
    const slot = await this.acquire(entry, request.signal);
    try {
      return await this.runOn(slot, request, commands, stopOnError);
    } finally {
      // Spares only where a session could be opened: a server that refused this call would refuse them too.
      const opened = slot.connection?.alive === true;
      this.release(key, entry, slot);
      if (opened) this.keepSpares(key, entry, request);
    }
  }

  /** Closes the idle pooled connections of an ended MCP session (a busy one closes when its idle timer fires). */
  async closeOwned(owner: string): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [key, entry] of this.entries) {
      if (!key.startsWith(`${owner}/`)) continue;
      for (const slot of entry.slots.filter((s) => s.opening)) slot.discard = true;
      for (const slot of entry.slots.filter((s) => !s.busy)) {
        if (slot.idleTimer) clearTimeout(slot.idleTimer);
        if (slot.connection) closing.push(this.dispose(slot.connection));
        slot.connection = undefined;
      }
      entry.slots = entry.slots.filter((s) => s.busy);
      if (entry.slots.length === 0 && entry.waiting.length === 0) this.entries.delete(key);
    }
    await Promise.allSettled(closing);
  }

  /** Closes every pooled session through the API (shutdown). */
  async closeAll(): Promise<void> {
    this.closing = true;
    const closing = [...this.entries.values()].flatMap((entry) =>
      entry.slots.map((slot) => {
        if (slot.idleTimer) clearTimeout(slot.idleTimer);
        const connection = slot.connection;
        slot.connection = undefined;
        return connection ? this.dispose(connection) : Promise.resolve();
      }),
    );
    this.entries.clear();
    await Promise.allSettled(closing);
  }

  /**
   * An idle live connection, else an idle slot to reconnect, else a spare being opened that no other call waits for (its
   * dial is under way: sooner ready than a new session), else a new slot under the bound, else the next one freed.
   */
  private acquire(entry: Entry, signal: AbortSignal): Promise<Slot> {
    const idle = entry.slots.filter((slot) => !slot.busy);
    let slot = idle.find((s) => s.connection?.alive) ?? idle[0];
    const spareUnclaimed = entry.slots.filter((s) => s.opening).length > entry.waiting.length;
    if (!slot && !spareUnclaimed && entry.slots.length < this.options.maxConnections) {
      slot = { busy: false };
      entry.slots.push(slot);
    }
    if (slot) return Promise.resolve(this.take(slot));
    return new Promise<Slot>((resolve, reject) => {
      const onAbort = () => {
        entry.waiting = entry.waiting.filter((w) => w !== waiter);
        reject(new CancelledError('Waiting for a Websh connection'));
      };
      const waiter = (freed: Slot) => {
        signal.removeEventListener('abort', onAbort);
        resolve(freed);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      entry.waiting.push(waiter);
    });
  }

  private take(slot: Slot): Slot {
    slot.busy = true;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = undefined;
    return slot;
  }

  /** Hands the slot to the next waiting call, or lets it idle. */
  private release(key: string, entry: Entry, slot: Slot): void {
    const next = entry.waiting.shift();
    if (next) {
      next(slot);
      return;
    }
    slot.busy = false;
    slot.idleTimer = setTimeout(() => {
      if (slot.busy) return;
      entry.slots = entry.slots.filter((s) => s !== slot);
      if (slot.connection) void this.dispose(slot.connection);
      slot.connection = undefined;
      if (entry.slots.length === 0 && entry.waiting.length === 0 && this.entries.get(key) === entry) this.entries.delete(key);
    }, this.options.idleMs);
    slot.idleTimer.unref();
  }

  /** Opens spares in the background until the key has 1 + `warmSpares` live (or opening) connections, within the bound. */
  private keepSpares(key: string, entry: Entry, request: PoolRequest): void {
    if (this.closing || this.entries.get(key) !== entry) return;
    // The key keeps at least 1 + warmSpares live connections: the one a next call reuses and the spares. Busy ones count
    // (a burst already grew the pool beyond that), so spares never add to a burst's connections.
    const live = entry.slots.filter((s) => s.opening || s.connection?.alive).length;
    const spare: NewSession & Pick<PoolRequest, 'target' | 'serverId'> = {
      target: request.target, serverId: request.serverId, username: request.username, groupname: request.groupname, workSession: request.workSession,
    };
    for (let n = live; n < 1 + this.options.warmSpares && entry.slots.length < this.options.maxConnections; n += 1) {
      const slot: Slot = { busy: true, opening: true };
      entry.slots.push(slot);
      // Not bound to the call's signal: the spare outlives the call that asked for it. A failed spare is not retried.
      void this.connect(slot, spare, NO_CALL_SIGNAL).then(
        () => this.spareDone(key, entry, slot),
        (error: unknown) => {
          this.log.debug('websh spare connection failed', { error: error instanceof Error ? error.message : String(error) });
          this.spareDone(key, entry, slot);
        },
      );
    }
  }

  private spareDone(key: string, entry: Entry, slot: Slot): void {
    slot.opening = false;
    if (this.closing || slot.discard || this.entries.get(key) !== entry) {
      entry.slots = entry.slots.filter((s) => s !== slot);
      if (slot.connection) void this.dispose(slot.connection);
      slot.connection = undefined;
      if (entry.slots.length === 0 && entry.waiting.length === 0 && this.entries.get(key) === entry) this.entries.delete(key);
      return;
    }
    // Ready (or failed: an empty slot a waiting call opens itself): to a waiting call, else idle until used or timed out.
    this.release(key, entry, slot);
  }

  private async connect(slot: Slot, request: NewSession & Pick<PoolRequest, 'target' | 'serverId'>, signal: AbortSignal): Promise<WebshConnection> {
    if (slot.connection) void this.dispose(slot.connection);
    slot.connection = undefined;
    const connection = await this.api.openConnection(request.target, request.serverId, request, signal);
    slot.connection = connection;
    connection.onClose((code) => {
      this.log.debug('websh connection closed', { session: connection.info.sessionId, code });
      if (slot.connection === connection) slot.connection = undefined;
      // The session may outlive its dropped socket on the server; close it so it does not linger.
      if (code !== 4000 && !this.closing && !this.disposed.has(connection)) void this.api.closeQuietly(connection.info.target, connection.info.sessionId);
    });
    return connection;
  }

  private async runOn(slot: Slot, request: PoolRequest, commands: readonly string[], stopOnError: boolean): Promise<PooledRun> {
    const reused = slot.connection?.alive === true;
    const connection = reused && slot.connection ? slot.connection : await this.connect(slot, request, request.signal);
    const results = await runSequence(connection, commands, request, stopOnError);
    return { results, sessionId: connection.info.sessionId, reused };
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

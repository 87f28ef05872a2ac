import {
  ALPACON,
  AlpaconClient,
  inject,
  injectable,
  LIFECYCLE,
  type Lifecycle,
  LOGGER,
  PLUGIN_SETTINGS,
  type AlpaconTarget,
  type Logger,
} from '../../core/index.js';
import { ChannelRegistry } from './channels.js';
import type { WebshSettingsInput } from './settings.js';
import type { CommandResult } from './connection.js';
import { runSequence, WebshPool, type BatchFailure, type PoolRequest } from './pool.js';
import { WebshApi, type SessionResponse } from './websh-api.js';

export interface WebshSettings {
  idleMs: number;
  defaultTimeoutMs: number;
  /** Pooled connections per server, user and work session (overlapping calls beyond it wait). */
  maxConnectionsPerServer: number;
  /** Idle connections kept ready per key after a call (within the bound). */
  warmSpares: number;
}

export { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from './settings.js';

/** The plugin's shared state: the pool, hand-opened channels, and every session this process opened (closed on shutdown). */
@injectable()
export class WebshService {
  readonly api: WebshApi;
  readonly pool: WebshPool;
  readonly channels: ChannelRegistry;
  readonly settings: WebshSettings;
  /** First WebSocket URLs of sessions made by websh_session_create, so the first reconnect needs no new channel. */
  private readonly unusedUrls = new Map<string, SessionResponse>();

  constructor(
    @inject(ALPACON) alpacon: AlpaconClient,
    @inject(PLUGIN_SETTINGS) section: WebshSettingsInput,
    @inject(LIFECYCLE) lifecycle: Lifecycle,
    @inject(LOGGER) log: Logger,
  ) {
    this.settings = {
      idleMs: section.idleTimeoutSeconds * 1000,
      defaultTimeoutMs: section.defaultTimeoutSeconds * 1000,
      maxConnectionsPerServer: section.maxConnectionsPerServer,
      warmSpares: section.warmSpares,
    };
    this.api = new WebshApi(alpacon);
    this.pool = new WebshPool(
      this.api,
      { idleMs: this.settings.idleMs, maxConnections: this.settings.maxConnectionsPerServer, warmSpares: this.settings.warmSpares },
      log.child('websh'),
    );
    this.channels = new ChannelRegistry(this.api);
    lifecycle.onShutdown(() => this.shutdown());
    lifecycle.onSessionEnd((owner) => this.endSession(owner));
  }

  /** What an ended MCP session held: its channels and its pooled connections. */
  async endSession(owner: string): Promise<void> {
    await Promise.allSettled([this.channels.closeOwned(owner), this.pool.closeOwned(owner)]);
  }

  timeoutMs(seconds: number | undefined): number {
    return seconds === undefined ? this.settings.defaultTimeoutMs : seconds * 1000;
  }

  rememberUnused(session: SessionResponse): void {
    this.unusedUrls.set(session.id, session);
  }

  takeUnused(sessionId: string): SessionResponse | undefined {
    const session = this.unusedUrls.get(sessionId);
    this.unusedUrls.delete(sessionId);
    return session;
  }

  forget(sessionId: string): void {
    this.unusedUrls.delete(sessionId);
  }

  /** A session just for these commands: create, connect, run, close (websh_websocket_execute). */
  async oneShot(request: PoolRequest, commands: readonly string[], stopOnError = false): Promise<{ results: (CommandResult | BatchFailure)[]; sessionId: string }> {
    const connection = await this.api.openConnection(request.target, request.serverId, request, request.signal);
    try {
      const results = await runSequence(connection, commands, request, stopOnError);
      return { results, sessionId: connection.info.sessionId };
    } finally {
      connection.close();
      await this.api.closeQuietly(request.target, connection.info.sessionId);
    }
  }

  /** Closes every session this process opened: pooled, hand-opened channels, and sessions created but never terminated. */
  async shutdown(): Promise<void> {
    await Promise.allSettled([this.pool.closeAll(), this.channels.closeAll()]);
    const left: [string, AlpaconTarget][] = [...this.api.open.entries()];
    await Promise.allSettled(left.map(([id, target]) => this.api.closeQuietly(target, id)));
  }
}


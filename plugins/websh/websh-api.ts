import {
  AlpaconClient,
  AlpaconMcpError,
  connectWebSocket,
  ErrorCode,
  InvalidInputError,
  NotFoundError,
  NO_CALL_SIGNAL,
  type AlpaconTarget,
  type Page,
} from '../../core/index.js';
import { WebshConnection } from './connection.js';

/** What the API answers on session creation (alpacon-api.md §2.4). */
export interface SessionResponse {
  id: string;
  server?: { id?: string; name?: string } | string | null;
  username?: string;
  groupname?: string;
  websocket_url: string;
  userchannel_id?: string | null;
  [key: string]: unknown;
}

export interface SessionDetail {
  id: string;
  server?: { id?: string; name?: string } | string | null;
  username?: string;
  groupname?: string;
  added_at?: string;
  closed_at?: string | null;
  [key: string]: unknown;
}

export interface RunAs {
  username?: string;
  groupname?: string;
}

/** What a new session is opened with: the run-as user and, when the workspace requires one, a work session id. */
export interface NewSession extends RunAs {
  workSession?: string;
}

/** Terminal size of new sessions: wide, so tools like `ps` do not cut their lines for a model. */
const ROWS = 24;
const COLS = 200;

/** REST calls of Websh plus the WebSocket dial. Every session it creates is tracked until closed, for shutdown. */
export class WebshApi {
  /** Open sessions created by this process, by id. */
  readonly open = new Map<string, AlpaconTarget>();

  constructor(private readonly alpacon: AlpaconClient) {}

  async createSession(target: AlpaconTarget, serverId: string, options: NewSession, signal: AbortSignal): Promise<SessionResponse> {
    const body = {
      server: serverId, rows: ROWS, cols: COLS, username: options.username ?? '', groupname: options.groupname ?? '',
      ...(options.workSession ? { work_session: options.workSession } : {}),
    };
    try {
      const session = await this.alpacon.post<SessionResponse>(target, '/api/websh/sessions/', body, { signal });
      this.open.set(session.id, target);
      return session;
    } catch (error) {
      throw serverNotFound(error, serverId);
    }
  }

  /** A new user channel on an existing session: a fresh single-use WebSocket URL. */
  async openChannel(target: AlpaconTarget, sessionId: string, signal: AbortSignal): Promise<SessionResponse> {
    try {
      return await this.alpacon.post<SessionResponse>(target, '/api/websh/user-channels/', { session: sessionId, is_master: true, read_only: false }, { signal });
    } catch (error) {
      if (error instanceof InvalidInputError && error.fields.some((f) => f.field === 'session')) throw new NotFoundError('Websh session', sessionId);
      throw error;
    }
  }

  async closeSession(target: AlpaconTarget, sessionId: string, signal: AbortSignal): Promise<void> {
    await this.alpacon.post(target, `/api/websh/sessions/${sessionId}/close/`, undefined, { resource: { what: 'Websh session', id: sessionId }, signal });
    this.open.delete(sessionId);
  }

  /** Closes without failing: for cleanup of sessions whose connection already dropped. */
  async closeQuietly(target: AlpaconTarget, sessionId: string): Promise<boolean> {
    try {
      await this.closeSession(target, sessionId, NO_CALL_SIGNAL);
      return true;
    } catch (error) {
      if (error instanceof AlpaconMcpError && error.code === ErrorCode.NotFound) this.open.delete(sessionId);
      return false;
    }
  }

  getSession(target: AlpaconTarget, sessionId: string, signal: AbortSignal): Promise<SessionDetail> {
    return this.alpacon.get<SessionDetail>(target, `/api/websh/sessions/${sessionId}/`, { resource: { what: 'Websh session', id: sessionId }, signal });
  }

  listSessions(target: AlpaconTarget, query: { page: number; page_size: number; server?: string; connectable?: boolean }, signal: AbortSignal): Promise<Page<SessionDetail>> {
    return this.alpacon.page<SessionDetail>(target, '/api/websh/sessions/', query.page, query.page_size, {
      query: { server: query.server, is_connectable: query.connectable },
      signal,
    });
  }

  async connect(target: AlpaconTarget, serverId: string, session: SessionResponse, runAs: RunAs, signal: AbortSignal): Promise<WebshConnection> {
    const socket = await connectWebSocket(session.websocket_url, { headers: this.alpacon.websocketHeaders(target), signal });
    return new WebshConnection(socket, {
      target,
      serverId,
      sessionId: session.id,
      channelId: session.userchannel_id ?? session.id,
      username: session.username ?? runAs.username ?? '',
      groupname: session.groupname ?? runAs.groupname ?? '',
    });
  }

  /** New session and its WebSocket; the session is closed again if the dial fails. */
  async openConnection(target: AlpaconTarget, serverId: string, options: NewSession, signal: AbortSignal): Promise<WebshConnection> {
    const session = await this.createSession(target, serverId, options, signal);
    try {
      return await this.connect(target, serverId, session, options, signal);
    } catch (error) {
      void this.closeQuietly(target, session.id);
      throw error;
    }
  }
}

/** The API answers an unknown server on session creation with a field error; a model needs "server not found". */
function serverNotFound(error: unknown, serverId: string): unknown {
  if (error instanceof InvalidInputError && error.fields.some((f) => f.field === 'server' && f.problems.some((p) => /does not exist/i.test(p)))) {
    return new NotFoundError('Server', serverId, { status: 400 });
  }
  return error;
}

import { randomBytes } from 'node:crypto';
import type { SimShell } from '../world/host.js';
import type { WebshTerminal } from './terminal.js';

/** Websh sessions and their user channels, each channel with a single-use WebSocket token. */

export interface WebshSession {
  id: string;
  rows: number;
  cols: number;
  serverId: string;
  userId: string;
  /** Linux user the shell runs as. */
  username: string;
  groupname: string;
  userAgent: string;
  remoteIp: string;
  workSession: string | null;
  addedAt: string;
  updatedAt: string;
  closedAt: string | null;
  success: boolean;
  shell: SimShell;
  terminal: WebshTerminal;
}

export interface WebshChannel {
  id: string;
  sessionId: string;
  isMaster: boolean;
  readOnly: boolean;
  token: string;
  tokenUsed: boolean;
  addedAt: string;
}

export type TokenCheck =
  | { ok: true; session: WebshSession; channel: WebshChannel }
  | { ok: false; status: 401 | 404 | 410; reason: string };

export class WebshStore {
  readonly sessions = new Map<string, WebshSession>();
  readonly channels = new Map<string, WebshChannel>();

  addSession(session: WebshSession): void {
    this.sessions.set(session.id, session);
  }

  addChannel(id: string, sessionId: string, options: { isMaster: boolean; readOnly: boolean }): WebshChannel {
    const channel: WebshChannel = {
      id, sessionId, isMaster: options.isMaster, readOnly: options.readOnly,
      token: randomBytes(24).toString('hex'), tokenUsed: false, addedAt: new Date().toISOString(),
    };
    this.channels.set(id, channel);
    return channel;
  }

  /** Validates and consumes the token of a WebSocket URL. */
  consume(sessionId: string, channelId: string, token: string): TokenCheck {
    const session = this.sessions.get(sessionId);
    const channel = this.channels.get(channelId);
    if (session === undefined || channel === undefined || channel.sessionId !== sessionId) {
      return { ok: false, status: 404, reason: 'Not Found' };
    }
    if (channel.tokenUsed || channel.token !== token) return { ok: false, status: 401, reason: 'Unauthorized' };
    if (session.closedAt !== null) return { ok: false, status: 410, reason: 'Gone' };
    channel.tokenUsed = true;
    return { ok: true, session, channel };
  }
}

import { AlpaconMcpError, ErrorCode } from '../../core/index.js';
import type { WebshConnection } from './connection.js';
import type { WebshApi } from './websh-api.js';

export interface ChannelEntry {
  connection: WebshConnection;
  /** The MCP session (or stateless caller) that opened it: only it can see and use the channel. */
  owner: string;
  /** Closing the channel also closes its session when the channel created it (websh_channel_connect). */
  ownsSession: boolean;
  connectedAt: string;
}

/** Channels opened by hand (websh_channel_connect, websh_session_reconnect), addressed by channel_id within their owner. */
export class ChannelRegistry {
  private readonly channels = new Map<string, ChannelEntry>();

  constructor(private readonly api: WebshApi) {}

  add(connection: WebshConnection, ownsSession: boolean, owner: string): ChannelEntry {
    const entry = { connection, owner, ownsSession, connectedAt: new Date().toISOString() };
    this.channels.set(connection.info.channelId, entry);
    return entry;
  }

  /** Another owner's channel is answered exactly like a channel that does not exist. */
  require(channelId: string, owner: string): ChannelEntry {
    const entry = this.channels.get(channelId);
    if (entry === undefined || entry.owner !== owner) {
      throw new AlpaconMcpError(ErrorCode.NotFound, `Websh channel ${channelId} is not open in this server.`, {
        hint: 'List open channels with websh_channels_list, or open one with websh_channel_connect.',
      });
    }
    return entry;
  }

  list(owner: string): ChannelEntry[] {
    return [...this.channels.values()].filter((entry) => entry.owner === owner);
  }

  async disconnect(channelId: string, owner: string): Promise<{ session_closed: boolean }> {
    const entry = this.require(channelId, owner);
    this.channels.delete(channelId);
    entry.connection.close();
    if (!entry.ownsSession) return { session_closed: false };
    return { session_closed: await this.api.closeQuietly(entry.connection.info.target, entry.connection.info.sessionId) };
  }

  /** Closes the channels an ended MCP session left open. */
  async closeOwned(owner: string): Promise<void> {
    const entries = this.list(owner);
    await Promise.allSettled(entries.map((entry) => this.disconnect(entry.connection.info.channelId, owner)));
  }

  async closeAll(): Promise<void> {
    const entries = [...this.channels.values()];
    await Promise.allSettled(entries.map((entry) => this.disconnect(entry.connection.info.channelId, entry.owner)));
  }
}

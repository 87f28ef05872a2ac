import { AlpaconMcpError, ErrorCode } from '../../core/index.js';
import type { WebshConnection } from './connection.js';
import type { WebshApi } from './websh-api.js';

export interface ChannelEntry {
  connection: WebshConnection;
  /** Closing the channel also closes its session when the channel created it (websh_channel_connect). */
  ownsSession: boolean;
  connectedAt: string;
}

/** Channels opened by hand (websh_channel_connect, websh_session_reconnect), addressed by channel_id. */
export class ChannelRegistry {
  private readonly channels = new Map<string, ChannelEntry>();

  constructor(private readonly api: WebshApi) {}

  add(connection: WebshConnection, ownsSession: boolean): ChannelEntry {
    const entry = { connection, ownsSession, connectedAt: new Date().toISOString() };
    this.channels.set(connection.info.channelId, entry);
    return entry;
  }

  require(channelId: string): ChannelEntry {
    const entry = this.channels.get(channelId);
    if (entry === undefined) {
      throw new AlpaconMcpError(ErrorCode.NotFound, `Websh channel ${channelId} is not open in this server.`, {
        hint: 'List open channels with websh_channels_list, or open one with websh_channel_connect.',
      });
    }
    return entry;
  }

  list(): ChannelEntry[] {
    return [...this.channels.values()];
  }

  async disconnect(channelId: string): Promise<{ session_closed: boolean }> {
    const entry = this.require(channelId);
    this.channels.delete(channelId);
    entry.connection.close();
    if (!entry.ownsSession) return { session_closed: false };
    return { session_closed: await this.api.closeQuietly(entry.connection.info.target, entry.connection.info.sessionId) };
  }

  async closeAll(): Promise<void> {
    const ids = [...this.channels.keys()];
    await Promise.allSettled(ids.map((id) => this.disconnect(id)));
  }
}

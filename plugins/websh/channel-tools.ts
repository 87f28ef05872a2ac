import { Effects, inject, injectable, reply, Tool, type ToolContext } from '../../core/index.js';
import type { ChannelEntry } from './channels.js';
import { ChannelConnectInput, ChannelExecuteInput, ChannelInput, ListChannelsInput } from './dto.js';
import { COMMAND_OUTPUT, summarizeOne } from './schemas.js';
import { WebshService } from './service.js';

/** Channels held open by hand: connect, run commands one at a time, list, disconnect. */
@injectable()
export class WebshChannelTools {
  constructor(@inject(WebshService) private readonly websh: WebshService) {}

  @Tool({
    name: 'websh_channel_connect',
    title: 'Open Websh channel',
    description: 'Open a new Websh session on a server and keep its terminal connected; returns a channel_id for websh_channel_execute.',
    input: ChannelConnectInput,
    annotations: Effects.create,
    searchHint: 'attach interactive shell persistent',
  })
  async connect({ server_id, username, groupname, work_session_id, ...target }: ChannelConnectInput, ctx: ToolContext) {
    const connection = await this.websh.api.openConnection(target, server_id, { username, groupname, workSession: work_session_id }, ctx.signal);
    const entry = this.websh.channels.add(connection, true, ctx.owner);
    return reply(describeChannel(entry), `Connected: channel ${connection.info.channelId}`);
  }

  @Tool({
    name: 'websh_channel_execute',
    title: 'Run command on Websh channel',
    description: 'Run one command on an open channel: output, exit_code, duration_ms.',
    input: ChannelExecuteInput,
    commandFields: ['command'],
    annotations: Effects.destructive,
    output: COMMAND_OUTPUT,
    searchHint: 'exec shell interactive',
  })
  async execute({ channel_id, command, timeout }: ChannelExecuteInput, ctx: ToolContext) {
    const { connection } = this.websh.channels.require(channel_id, ctx.owner);
    const result = await connection.run(command, { timeoutMs: this.websh.timeoutMs(timeout), signal: ctx.signal });
    return reply({ server_id: connection.info.serverId, session_id: connection.info.sessionId, ...result }, summarizeOne(result));
  }

  @Tool({
    name: 'websh_channels_list',
    title: 'List Websh channels',
    description: 'Websh channels this MCP session holds open, with server, session, user and state.',
    input: ListChannelsInput,
    annotations: Effects.localRead,
    searchHint: 'connections attached terminals',
  })
  async list({ server_id }: ListChannelsInput, ctx: ToolContext) {
    const channels = this.websh.channels
      .list(ctx.owner)
      .map(describeChannel)
      .filter((channel) => server_id === undefined || channel.server_id === server_id);
    return reply({ channels }, `${channels.length} channel(s)`);
  }

  @Tool({
    name: 'websh_channel_disconnect',
    title: 'Close Websh channel',
    description: 'Close an open channel; a session opened by websh_channel_connect is closed with it.',
    input: ChannelInput,
    annotations: Effects.destructive,
    searchHint: 'detach disconnect',
  })
  async disconnect({ channel_id }: ChannelInput, ctx: ToolContext) {
    const result = await this.websh.channels.disconnect(channel_id, ctx.owner);
    return reply({ channel_id, ...result }, `Channel ${channel_id} closed`);
  }
}

export function describeChannel(entry: ChannelEntry) {
  const { info } = entry.connection;
  return {
    channel_id: info.channelId,
    session_id: info.sessionId,
    server_id: info.serverId,
    workspace: info.target.workspace,
    region: info.target.region,
    username: info.username,
    groupname: info.groupname,
    connected: entry.connection.alive,
    connected_at: entry.connectedAt,
    commands_run: entry.connection.commands,
  };
}

import { Effects, inject, injectable, reply, Tool, type ToolContext } from '../../core/index.js';
import { CreateSessionInput, ListSessionsInput, SessionInput } from './dto.js';
import { describeChannel } from './channel-tools.js';
import { WebshService } from './service.js';
import type { SessionResponse } from './websh-api.js';

/** Websh sessions through the REST API; connecting to one gives a channel (see channel tools). */
@injectable()
export class WebshSessionTools {
  constructor(@inject(WebshService) private readonly websh: WebshService) {}

  @Tool({
    name: 'websh_session_create',
    title: 'Create Websh session',
    description: 'Open a Websh session on a server, not yet connected: attach with websh_session_reconnect, close with websh_session_terminate.',
    input: CreateSessionInput,
    annotations: Effects.create,
    searchHint: 'open websh terminal session',
  })
  async createSession({ server_id, username, groupname, work_session_id, ...target }: CreateSessionInput, ctx: ToolContext) {
    const session = await this.websh.api.createSession(target, server_id, { username, groupname, workSession: work_session_id }, ctx.signal);
    this.websh.rememberUnused(session);
    return reply(publicSession(session), `Websh session ${session.id} created`);
  }

  @Tool({
    name: 'websh_sessions_list',
    title: 'List Websh sessions',
    description: 'Websh sessions of the workspace, newest first: server, user, opened and closed times.',
    input: ListSessionsInput,
    annotations: Effects.read,
    searchHint: 'websh sessions list open terminals',
  })
  async listSessions({ server_id, open_only = true, page = 1, page_size = 20, ...target }: ListSessionsInput, ctx: ToolContext) {
    const result = await this.websh.api.listSessions(target, { page, page_size, server: server_id, connectable: open_only ? true : undefined }, ctx.signal);
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(result, `${result.results.length} of ${result.count} session(s).${more}`);
  }

  @Tool({
    name: 'websh_session_reconnect',
    title: 'Reconnect to Websh session',
    description: 'Connect to an open Websh session through a new user channel; returns a channel_id for websh_channel_execute.',
    input: SessionInput,
    annotations: Effects.create,
    searchHint: 'attach join websh session channel',
  })
  async reconnect({ session_id, ...target }: SessionInput, ctx: ToolContext) {
    const detail = await this.websh.api.getSession(target, session_id, ctx.signal);
    const fresh = this.websh.takeUnused(session_id) ?? (await this.websh.api.openChannel(target, session_id, ctx.signal));
    const serverId = typeof detail.server === 'object' && detail.server !== null ? String(detail.server.id ?? '') : String(detail.server ?? '');
    const connection = await this.websh.api.connect(target, serverId, { ...fresh, id: session_id, userchannel_id: fresh.userchannel_id ?? fresh.id }, {
      username: detail.username,
      groupname: detail.groupname,
    }, ctx.signal);
    const entry = this.websh.channels.add(connection, false, ctx.owner);
    return reply(describeChannel(entry), `Connected: channel ${connection.info.channelId}`);
  }

  @Tool({
    name: 'websh_session_terminate',
    title: 'Terminate Websh session',
    description: 'Close a Websh session through the API; its shell and every channel on it end.',
    input: SessionInput,
    annotations: Effects.destructive,
    searchHint: 'kill stop end shell',
  })
  async terminate({ session_id, ...target }: SessionInput, ctx: ToolContext) {
    await this.websh.api.closeSession(target, session_id, ctx.signal);
    this.websh.forget(session_id);
    return reply({ session_id, closed: true }, `Websh session ${session_id} closed`);
  }
}

/** The session as a model needs it; the single-use WebSocket URL stays inside this process. */
function publicSession(session: SessionResponse) {
  const { websocket_url: _url, ...rest } = session;
  return rest;
}

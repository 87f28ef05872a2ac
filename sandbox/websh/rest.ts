import type { SandboxContext } from '../context.js';
import { principalOf } from '../context.js';
import { ApiError, fieldErrors, notFound, permissionDenied } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import { workSessionGate } from '../http/work-session-gate.js';
import type { Principal, Router, SandboxRequest } from '../http/types.js';
import { serverSummary, userSummary } from '../world/summaries.js';
import type { WebshChannel, WebshSession, WebshStore } from './store.js';
import { WebshTerminal } from './terminal.js';

/** REST side of Websh: `/api/websh/sessions/` (create, list, detail, close, force-close) and `/api/websh/user-channels/`. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function record(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  return body as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, key: string, errors: Record<string, string[]>): string {
  const value = body[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') errors[key] = ['Not a valid string.'];
  return typeof value === 'string' ? value : '';
}

function size(body: Record<string, unknown>, key: string, fallback: number, errors: Record<string, string[]>): number {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1000) {
    errors[key] = ['A valid integer between 1 and 1000 is required.'];
    return fallback;
  }
  return value;
}

export function wsUrl(ctx: SandboxContext, session: WebshSession, channel: WebshChannel): string {
  return `${ctx.wsBaseUrl()}/ws/websh/${session.id}/${channel.id}/${channel.token}/`;
}

export function registerWebshRest(router: Router, ctx: SandboxContext, store: WebshStore): void {
  const serialize = (session: WebshSession) => {
    const user = ctx.world.users.get(session.userId);
    const master = [...store.channels.values()].find((channel) => channel.sessionId === session.id && channel.isMaster);
    return {
      id: session.id, rows: session.rows, cols: session.cols, server: serverSummary(ctx.world.servers.require(session.serverId)),
      user: user === undefined ? null : userSummary(user), username: session.username, groupname: session.groupname,
      user_agent: session.userAgent, remote_ip: session.remoteIp, is_tunnel: false, client_type: 'api',
      added_at: session.addedAt, updated_at: session.updatedAt, closed_at: session.closedAt, success: session.success,
      is_connectable: session.closedAt === null, userchannel_id: master?.id ?? null,
    };
  };
  const findSession = (req: SandboxRequest, principal: Principal): WebshSession => {
    const session = store.sessions.get(req.params.id ?? '');
    if (session === undefined || (!principal.isStaff && !principal.isSuperuser && session.userId !== principal.userId)) throw notFound();
    return session;
  };
  const closeSession = (session: WebshSession): void => {
    if (session.closedAt !== null) return;
    const now = new Date().toISOString();
    session.closedAt = now;
    session.updatedAt = now;
    session.success = true;
    session.terminal.close();
  };

  router.add('POST', '/api/websh/sessions/', (req) => {
    const principal = principalOf(req);
    const body = record(req.body);
    const errors: Record<string, string[]> = {};
    const serverId = body.server;
    if (serverId === undefined || serverId === null || serverId === '') errors.server = ['This field is required.'];
    else if (typeof serverId !== 'string' || !UUID.test(serverId)) errors.server = ['Must be a valid UUID.'];
    else if (ctx.world.servers.get(serverId) === undefined) errors.server = [`Invalid pk "${serverId}" - object does not exist.`];
    const rows = size(body, 'rows', 24, errors);
    const cols = size(body, 'cols', 80, errors);
    const username = optionalString(body, 'username', errors) || principal.username;
    const groupname = optionalString(body, 'groupname', errors) || username;
    const workSession = optionalString(body, 'work_session', errors) || null;
    if (Object.keys(errors).length > 0) throw fieldErrors(errors);
    const server = ctx.world.servers.require(serverId as string);
    ctx.access.checkServer(principal, server.id);
    workSessionGate(ctx.world).check(workSession, server.id);
    if (!server.is_connected) throw new ApiError(400, { detail: `${server.name} is not connected.`, code: 'server_not_connected' });
    const host = ctx.world.host(server.id);
    const shell = host.openShell({ user: username });
    const now = new Date().toISOString();
    const id = ctx.world.newId();
    const session: WebshSession = {
      id, rows, cols, serverId: server.id, userId: principal.userId, username, groupname,
      userAgent: String(req.headers['user-agent'] ?? ''), remoteIp: req.raw.socket.remoteAddress ?? '127.0.0.1', workSession,
      addedAt: now, updatedAt: now, closedAt: null, success: false, shell,
      terminal: new WebshTerminal(shell, host.hostname, ctx.faults.ws, () => closeSession(session), {
        generation: ctx.generation, powershell: server.os_platform === 'windows',
      }),
    };
    store.addSession(session);
    const channel = store.addChannel(ctx.world.newId(), id, { isMaster: true, readOnly: false });
    const { is_tunnel: _tunnel, client_type: _client, added_at: _added, updated_at: _updated, closed_at: _closed, success: _success, is_connectable: _connectable, ...response } = serialize(session);
    return { status: 201, body: { ...response, websocket_url: wsUrl(ctx, session, channel), userchannel_id: channel.id } };
  });

  router.add('GET', '/api/websh/sessions/', (req) => {
    const principal = principalOf(req);
    const everyone = principal.isStaff || principal.isSuperuser;
    const connectable = req.query.get('is_connectable');
    const server = req.query.get('server');
    const sessions = [...store.sessions.values()]
      .filter((session) => everyone || session.userId === principal.userId)
      .filter((session) => connectable === null || (connectable === 'true') === (session.closedAt === null))
      .filter((session) => server === null || session.serverId === server)
      .reverse();
    return { status: 200, body: paginate(req, sessions.map(serialize)) };
  });

  router.add('GET', '/api/websh/sessions/:id/', (req) => ({ status: 200, body: serialize(findSession(req, principalOf(req))) }));

  router.add('POST', '/api/websh/sessions/:id/close/', (req) => {
    closeSession(findSession(req, principalOf(req)));
    return { status: 204 };
  });

  router.add('POST', '/api/websh/sessions/:id/force-close/', (req) => {
    const principal = principalOf(req);
    if (!principal.isStaff && !principal.isSuperuser) throw permissionDenied();
    closeSession(findSession(req, principal));
    return { status: 204 };
  });

  router.add('POST', '/api/websh/user-channels/', (req) => {
    const principal = principalOf(req);
    const body = record(req.body);
    const sessionId = body.session;
    if (typeof sessionId !== 'string' || sessionId === '') throw fieldErrors({ session: ['This field is required.'] });
    const session = store.sessions.get(sessionId);
    if (session === undefined || (!principal.isStaff && !principal.isSuperuser && session.userId !== principal.userId)) {
      throw fieldErrors({ session: [`Invalid pk "${sessionId}" - object does not exist.`] });
    }
    if (session.closedAt !== null) throw new ApiError(400, { detail: 'The session is already closed.', code: 'websh_session_closed' });
    const channel = store.addChannel(ctx.world.newId(), session.id, { isMaster: body.is_master === true, readOnly: body.read_only === true });
    return {
      status: 201,
      body: {
        id: channel.id, session: session.id, is_master: channel.isMaster, read_only: channel.readOnly, added_at: channel.addedAt,
        server: serverSummary(ctx.world.servers.require(session.serverId)), username: session.username, groupname: session.groupname,
        websocket_url: wsUrl(ctx, session, channel), userchannel_id: channel.id,
      },
    };
  });
}

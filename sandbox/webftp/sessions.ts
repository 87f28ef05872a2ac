import type { SandboxContext } from '../context.js';
import { principalOf } from '../context.js';
import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import { serverSummary, userSummary } from '../world/summaries.js';
import { workSessionGate } from '../http/work-session-gate.js';
import { TransferBody } from './transfers.js';

/**
 * `/api/webftp/sessions/` as the Python MCP server uses it (POST `{server, username?}`, GET `?server=`). The public
 * sources show only the request, so the response is a plausible session record; transfers do not need a session.
 */

interface WebftpSession {
  id: string;
  serverId: string;
  userId: string;
  username: string;
  addedAt: string;
}

export function registerWebftpSessions(router: Router, ctx: SandboxContext): void {
  const sessions: WebftpSession[] = [];
  const serialize = (session: WebftpSession) => {
    const user = ctx.world.users.get(session.userId);
    return {
      id: session.id, server: serverSummary(ctx.world.servers.require(session.serverId)), user: user === undefined ? null : userSummary(user),
      username: session.username, added_at: session.addedAt, updated_at: session.addedAt, closed_at: null,
    };
  };
  router.add('POST', '/api/webftp/sessions/', (req) => {
    const principal = principalOf(req);
    const body = new TransferBody(req.body);
    const server = body.server(ctx, principal);
    const username = body.string('username', false) || principal.username;
    // The Python MCP server links the session to a work session (tools/webftp_tools.py); gated like transfers.
    const workSession = body.string('work_session', false);
    if (workSession) workSessionGate(ctx.world).check(workSession, server);
    body.done();
    const session = { id: ctx.world.newId(), serverId: server, userId: principal.userId, username, addedAt: new Date().toISOString() };
    sessions.push(session);
    return { status: 201, body: serialize(session) };
  });
  router.add('GET', '/api/webftp/sessions/', (req) => {
    const principal = principalOf(req);
    const server = req.query.get('server');
    const visible = sessions
      .filter((session) => principal.isStaff || principal.isSuperuser || session.userId === principal.userId)
      .filter((session) => server === null || session.serverId === server)
      .reverse();
    return { status: 200, body: paginate(req, visible.map(serialize)) };
  });
  router.add('GET', '/api/webftp/sessions/:id/', (req) => {
    const session = sessions.find((candidate) => candidate.id === req.params.id);
    if (session === undefined) throw notFound();
    return { status: 200, body: serialize(session) };
  });
}

import { principalOf, type SandboxContext } from '../context.js';
import { ApiError } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import { workSessionGate } from '../http/work-session-gate.js';
import type { Router } from '../http/types.js';
import { LIVE_STATUSES, WORK_SESSION_SCOPES, type WorkSession } from '../world/ext-work-sessions.js';
import { BodyReader } from './body-reader.js';
import { assignDefined, ExtStore, serverSummary, userSummary } from './ext-common.js';

const BASE = '/api/work-sessions/sessions/';

/**
 * Work sessions as the CLI drives them: create (agents land in `pending`), approve/activate/complete/extend/cancel,
 * and a timeline of the commands that carried `work_session`. State rules are the sandbox's reading of the CLI and Python docs.
 */
export function registerExtWorkSessions(router: Router, ctx: SandboxContext): ExtStore<WorkSession> {
  const { world, commands } = ctx;
  const sessions = new ExtStore<WorkSession>();
  workSessionGate(world).useSessions((id) => sessions.all().find((s) => s.id === id));
  const json = (s: WorkSession) => ({
    ...s, servers: s.servers.map((id) => serverSummary(world, id)), created_by: userSummary(world, s.created_by),
    assigned_user: userSummary(world, s.assigned_user), sudo_policies: [], adjustments: null, recommendations: [],
  });
  const notLive = (s: WorkSession) => new ApiError(400, { detail: `Work session is ${s.status}.`, code: 'work_session_not_active' });
  const read = (reader: BodyReader, creating: boolean) => {
    const scopes = reader.stringList('scopes');
    const bad = scopes?.find((s) => !WORK_SESSION_SCOPES.includes(s));
    if (bad !== undefined) reader.error('scopes', `"${bad}" is not a valid choice.`);
    if (creating && scopes === undefined) reader.error('scopes', 'This field is required.');
    const servers = reader.references('servers', (id) => world.servers.get(id) !== undefined);
    if (creating && servers === undefined) reader.error('servers', 'This field is required.');
    return {
      title: reader.string('title', { allowBlank: true, max: 200 }), description: reader.string('description', { required: creating, max: 10_000 }),
      scopes, servers, expires_at: futureDate(reader, 'expires_at', creating),
    };
  };

  router.add('GET', BASE, (req) => {
    let items = sessions.all().reverse();
    for (const key of ['status', 'requester_type'] as const) {
      const value = req.query.get(key);
      if (value !== null && value !== '') items = items.filter((s) => s[key] === value);
    }
    const page = paginate(req, items);
    return { status: 200, body: { ...page, results: page.results.map(json) } };
  });
  router.add('POST', BASE, (req) => {
    const principal = principalOf(req);
    const reader = new BodyReader(req.body);
    const fields = read(reader, true);
    const requester = reader.string('requester_type', { pattern: /^(user|agent)$/, patternMessage: 'Not a valid choice.' }) ?? 'user';
    refuseWebshForAgent(reader, requester, fields.scopes);
    reader.done();
    const now = new Date().toISOString();
    const session: WorkSession = {
      id: world.newId(), title: '', description: '', status: requester === 'agent' ? 'pending' : 'approved',
      requester_type: requester === 'agent' ? 'agent' : 'user', scopes: [], servers: [], created_by: principal.userId,
      assigned_user: principal.userId, approval_request_id: '', starts_at: null, expires_at: now, started_at: null, completed_at: null,
      added_at: now, updated_at: now,
    };
    return { status: 201, body: json(sessions.add(assignDefined(session, fields))) };
  });
  router.add('GET', `${BASE}:id/`, (req) => ({ status: 200, body: json(sessions.find(req.params.id)) }));
  router.add('PATCH', `${BASE}:id/`, (req) => {
    const session = sessions.find(req.params.id);
    const reader = new BodyReader(req.body, true);
    const fields = read(reader, false);
    refuseWebshForAgent(reader, session.requester_type, fields.scopes);
    reader.done();
    if (!['pending', ...LIVE_STATUSES].includes(session.status)) throw notLive(session);
    assignDefined(session, { ...fields, updated_at: new Date().toISOString() });
    return { status: 200, body: json(session) };
  });
  const transition = (name: string, from: readonly WorkSession['status'][], to: WorkSession['status']) =>
    router.add('POST', `${BASE}:id/${name}/`, (req) => {
      const session = sessions.find(req.params.id);
      if (!from.includes(session.status)) throw notLive(session);
      const now = new Date().toISOString();
      session.status = to;
      session.updated_at = now;
      if (to === 'active') session.started_at = now;
      if (to === 'completed') session.completed_at = now;
      return { status: 200, body: json(session) };
    });
  transition('approve', ['pending'], 'approved');
  transition('reject', ['pending'], 'rejected');
  transition('cancel', ['pending', 'approved'], 'cancelled');
  transition('activate', ['approved'], 'active');
  transition('complete', LIVE_STATUSES, 'completed');
  transition('revoke', LIVE_STATUSES, 'revoked');
  router.add('POST', `${BASE}:id/extend/`, (req) => {
    const session = sessions.find(req.params.id);
    const reader = new BodyReader(req.body);
    const expires = futureDate(reader, 'expires_at', true);
    if (expires !== undefined && Date.parse(expires) <= Date.parse(session.expires_at)) reader.error('expires_at', 'Must be later than the current expiry.');
    reader.done();
    if (!LIVE_STATUSES.includes(session.status)) throw notLive(session);
    assignDefined(session, { expires_at: expires, updated_at: new Date().toISOString() });
    return { status: 200, body: json(session) };
  });
  router.add('GET', `${BASE}:id/timeline/`, (req) => {
    const session = sessions.find(req.params.id);
    const items = commands.list().filter((c) => c.workSession === session.id).reverse().map((c) => ({
      type: 'command', timestamp: new Date(c.addedAt).toISOString(), id: c.id, server_id: c.server, username: c.username,
      groupname: c.groupname, shell: c.shell, line: c.line, success: c.success, denied: false,
      elapsed_time: c.finishedAt !== null && c.startedAt !== null ? (c.finishedAt - c.startedAt) / 1000 : 0,
    }));
    return { status: 200, body: paginate(req, items) };
  });
  return sessions;
}

/** An ISO 8601 datetime in the future (DRF-style errors otherwise). */
function futureDate(reader: BodyReader, key: string, required: boolean): string | undefined {
  const value = reader.string(key, { required });
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return reader.error(key, 'Datetime has wrong format.'), undefined;
  if (time <= Date.now()) return reader.error(key, 'Must be in the future.'), undefined;
  return new Date(time).toISOString();
}

/**
 * The server refuses the `websh` scope for agent work sessions (alpacon-cli `cmd/worksession/worksession_create.go`
 * validateAgentScopes: "the server disallows"); the exact refusal body is not in any official client (docs/sandbox.md).
 */
function refuseWebshForAgent(reader: BodyReader, requester: string, scopes: string[] | undefined): void {
  if (requester === 'agent' && scopes?.includes('websh')) reader.error('scopes', '"websh" is not allowed for agent sessions.');
}

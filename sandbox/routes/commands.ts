import { principalOf, type SandboxContext } from '../context.js';
import { ApiError, notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import { workSessionGate } from '../http/work-session-gate.js';
import type { Router } from '../http/types.js';
import { hasInlineCredential } from '../world/command-policy.js';
import { isTerminal, type CommandRecord } from '../world/commands.js';
import { serverSummary, userSummary } from '../world/summaries.js';
import type { World } from '../world/world.js';
import { BodyReader, isUuid } from './body-reader.js';

const SHELLS = new Set(['system', 'internal', 'osquery']);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const seconds = (from: number | null, to: number | null) => (from === null || to === null ? null : (to - from) / 1000);

function summaries(world: World, record: CommandRecord) {
  const server = world.servers.get(record.server);
  const user = world.users.get(record.requestedBy);
  return { server: server === undefined ? null : serverSummary(server), requested_by: user === undefined ? null : userSummary(user) };
}

/** CommandResponse, as the submit call returns it. */
export function commandResponse(world: World, record: CommandRecord): Record<string, unknown> {
  return {
    id: record.id, shell: record.shell, line: record.line, data: record.data, username: record.username, groupname: record.groupname,
    added_at: iso(record.addedAt), scheduled_at: iso(record.scheduledAt), ...summaries(world, record), run_after: [...record.runAfter],
  };
}

/** EventDetails, as the detail and list calls return it. */
export function commandDetails(world: World, record: CommandRecord): Record<string, unknown> {
  const now = Date.now();
  return {
    id: record.id, shell: record.shell, line: record.line, data: record.data, username: record.username, groupname: record.groupname,
    success: record.success, exit_code: record.exitCode, error_phase: record.errorPhase, result: record.result, status: record.status,
    cancellable: !isTerminal(record.status) && record.status !== 'running',
    response_delay: seconds(record.addedAt, record.deliveredAt),
    elapsed_time: record.startedAt === null ? null : seconds(record.startedAt, record.finishedAt ?? now),
    added_at: iso(record.addedAt), scheduled_at: iso(record.scheduledAt), delivered_at: iso(record.deliveredAt),
    finished_at: iso(record.finishedAt), ...summaries(world, record), run_after: [...record.runAfter],
  };
}

export function registerCommands(router: Router, ctx: SandboxContext): void {
  const { world, commands, access } = ctx;
  const find = (id: string): CommandRecord => {
    const record = isUuid(id) ? commands.get(id) : undefined;
    if (record === undefined) throw notFound();
    return record;
  };

  router.add('POST', '/api/events/commands/', (req) => {
    const principal = principalOf(req);
    const reader = new BodyReader(req.body);
    const server = reader.reference('server', (id) => world.servers.get(id) !== undefined, true);
    const line = reader.string('line', { required: true, max: 65_536 });
    const shell = reader.string('shell', { allowBlank: true }) || 'system';
    if (!SHELLS.has(shell)) reader.error('shell', `"${shell}" is not a valid choice.`);
    const env = reader.stringMap('env');
    const data = reader.string('data', { allowBlank: true });
    const username = reader.string('username', { allowBlank: true, max: 32 });
    const groupname = reader.string('groupname', { allowBlank: true, max: 32 });
    const scheduled = reader.string('scheduled_at', { allowBlank: true });
    if (scheduled && Number.isNaN(Date.parse(scheduled))) reader.error('scheduled_at', 'Datetime has wrong format.');
    const runAfter = reader.references('run_after', (id) => commands.get(id) !== undefined);
    const workSession = reader.string('work_session', { allowBlank: true });
    reader.done();
    workSessionGate(world).check(workSession, server ?? '');
    if (line !== undefined && hasInlineCredential(line)) {
      throw new ApiError(400, {
        detail: 'Commands must not contain inline credentials; pass secrets through env instead.', code: 'command_inline_credential',
      });
    }
    access.checkServer(principal, server ?? '');
    access.checkCommand(principal, line ?? '');
    const record = commands.submit({
      server: server ?? '', line: line ?? '', shell, env, data, username, groupname, requestedBy: principal.userId,
      scheduledAt: scheduled ? Date.parse(scheduled) : null, runAfter, workSession: workSession || null,
    });
    return { status: 201, body: [commandResponse(world, record)] };
  });

  router.add('GET', '/api/events/commands/', (req) => {
    let records = commands.list();
    const server = req.query.get('server');
    if (server !== null) records = records.filter((r) => r.server === server);
    const status = req.query.get('status');
    if (status !== null) records = records.filter((r) => r.status === status);
    const requestedBy = req.query.get('requested_by');
    if (requestedBy !== null) records = records.filter((r) => r.requestedBy === requestedBy);
    const ordering = req.query.get('ordering');
    if (ordering === 'added_at' || ordering === 'scheduled_at') records = records.reverse();
    const page = paginate(req, records);
    return { status: 200, body: { ...page, results: page.results.map((r) => commandDetails(world, r)) } };
  });

  router.add('GET', '/api/events/commands/:id/', (req) => ({ status: 200, body: commandDetails(world, find(req.params.id)) }));

  router.add('GET', '/api/events/commands/:id/chunks/', (req) => {
    let chunks = find(req.params.id).chunks;
    const gte = Number(req.query.get('seq__gte') ?? NaN);
    const lte = Number(req.query.get('seq__lte') ?? NaN);
    if (Number.isFinite(gte)) chunks = chunks.filter((c) => c.seq >= gte);
    if (Number.isFinite(lte)) chunks = chunks.filter((c) => c.seq <= lte);
    if (req.query.get('ordering') === '-seq') chunks = [...chunks].reverse();
    return { status: 200, body: paginate(req, chunks) };
  });

  // The CLI's path-segment filter form: /api/events/commands/{serverId}/{userId}/
  router.add('GET', '/api/events/commands/:server/:user/', (req) => {
    if (!isUuid(req.params.server) || !isUuid(req.params.user)) throw notFound();
    const records = commands.list().filter((r) => r.server === req.params.server && r.requestedBy === req.params.user);
    const page = paginate(req, records);
    return { status: 200, body: { ...page, results: page.results.map((r) => commandDetails(world, r)) } };
  });
}

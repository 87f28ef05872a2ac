import { principalOf, type SandboxContext } from '../context.js';
import { ApiError, fieldErrors, notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import { workSessionGate } from '../http/work-session-gate.js';
import type { Router } from '../http/types.js';
import { hasInlineCredential } from '../world/command-policy.js';
import type { CommandRecord } from '../world/commands.js';
import { BodyReader, isUuid } from './body-reader.js';
import { commandJson } from './command-json.js';

const SHELLS = new Set(['system', 'internal', 'osquery']);

export function registerCommands(router: Router, ctx: SandboxContext): void {
  const { world, commands, access, generation } = ctx;
  const json = commandJson(world, generation);
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
    if (generation === 'current') workSessionGate(world).check(workSession, server ?? '');
    if (line !== undefined && hasInlineCredential(line)) {
      throw new ApiError(400, {
        detail: 'Commands must not contain inline credentials; pass secrets through env instead.', code: 'command_inline_credential',
      });
    }
    if (generation === '2024') {
      // The 2024 server knows command ACLs only, refused as a field error on `line` (events/api/serializers.py
      // CommandCreateSerializer.validate_line), and has no `env` field: DRF drops it.
      if (!access.commandAllowed(principal, line ?? '')) throw fieldErrors({ line: ['Permission denied'] });
    } else {
      access.checkServer(principal, server ?? '');
      access.checkCommand(principal, line ?? '');
    }
    const record = commands.submit({
      server: server ?? '', line: line ?? '', shell, env: generation === '2024' ? null : env, data, username, groupname,
      requestedBy: principal.userId, scheduledAt: scheduled ? Date.parse(scheduled) : null, runAfter, workSession: workSession || null,
      approvals: generation === 'current',
    });
    // CLI api/event/event.go SubmitCommand reads an array; the 2024 ModelViewSet.create answers the one object.
    return { status: 201, body: json.submitted(record) };
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
    return { status: 200, body: { ...page, results: page.results.map((r) => json.listItem(r)) } };
  });

  router.add('GET', '/api/events/commands/:id/', (req) => ({ status: 200, body: json.details(find(req.params.id)) }));

  // The 2024 server has no chunks route (its output is in `result`): an unknown URL, Django's HTML 404.
  if (generation === 'current') {
    // CLI api/event/chunks.go getCommandChunks: seq__gte, seq__lte (strict integers), ordering=seq, paginated.
    router.add('GET', '/api/events/commands/:id/chunks/', (req) => {
      let chunks = [...find(req.params.id).chunks].sort((a, b) => a.seq - b.seq);
      for (const [key, keep] of [['seq__gte', (seq: number, n: number) => seq >= n], ['seq__lte', (seq: number, n: number) => seq <= n]] as const) {
        const raw = req.query.get(key);
        if (raw === null) continue;
        if (!/^-?\d+$/.test(raw)) throw fieldErrors({ [key]: ['Enter a number.'] });
        chunks = chunks.filter((c) => keep(c.seq, Number(raw)));
      }
      if (req.query.get('ordering') === '-seq') chunks.reverse();
      return { status: 200, body: paginate(req, chunks) };
    });
  }

  // The CLI's path-segment filter form: /api/events/commands/{serverId}/{userId}/ (not on the 2024 server's DefaultRouter).
  if (generation === 'current') router.add('GET', '/api/events/commands/:server/:user/', (req) => {
    if (!isUuid(req.params.server) || !isUuid(req.params.user)) throw notFound();
    const records = commands.list().filter((r) => r.server === req.params.server && r.requestedBy === req.params.user);
    const page = paginate(req, records);
    return { status: 200, body: { ...page, results: page.results.map((r) => json.listItem(r)) } };
  });
}

import type { SandboxContext } from '../context.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import { seedApprovalRequests, type ApprovalRequest, type SudoPolicy } from '../world/ext-approvals.js';
import { BodyReader } from './body-reader.js';
import { ExtStore, serverSummary, userSummary } from './ext-common.js';

/** Approval requests (read-only here) and sudo policies (list, create, detail). */
export function registerExtApprovals(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const requests = new ExtStore<ApprovalRequest>(seedApprovalRequests(world));
  const policies = new ExtStore<SudoPolicy>();
  const requestJson = (r: ApprovalRequest) => ({
    ...r, requested_by: userSummary(world, r.requested_by), reviewed_by: r.reviewed_by === null ? null : userSummary(world, r.reviewed_by),
  });
  const policyJson = (p: SudoPolicy) => ({ ...p, servers: p.servers.map((id) => serverSummary(world, id)) });

  router.add('GET', '/api/approvals/approvals/', (req) => {
    let items = requests.all();
    for (const key of ['status', 'request_type'] as const) {
      const value = req.query.get(key);
      if (value !== null && value !== '') items = items.filter((r) => r[key] === value);
    }
    const page = paginate(req, items);
    return { status: 200, body: { ...page, results: page.results.map(requestJson) } };
  });
  router.add('GET', '/api/approvals/approvals/:id/', (req) => ({ status: 200, body: requestJson(requests.find(req.params.id)) }));

  router.add('GET', '/api/approvals/sudo-policies/', (req) => {
    const page = paginate(req, policies.all());
    return { status: 200, body: { ...page, results: page.results.map(policyJson) } };
  });
  router.add('GET', '/api/approvals/sudo-policies/:id/', (req) => ({ status: 200, body: policyJson(policies.find(req.params.id)) }));
  router.add('POST', '/api/approvals/sudo-policies/', (req) => {
    const reader = new BodyReader(req.body);
    const name = reader.string('name', { required: true, max: 128 });
    const commands = reader.stringList('commands');
    if (commands === undefined || commands.length === 0) reader.error('commands', 'This list may not be empty.');
    const users = reader.references('users', (id) => world.users.get(id) !== undefined);
    const groups = reader.references('groups', (id) => world.groups.get(id) !== undefined);
    const servers = reader.references('servers', (id) => world.servers.get(id) !== undefined);
    const runAs = reader.string('run_as', { allowBlank: true, max: 32 });
    const noPassword = reader.boolean('no_password');
    const description = reader.string('description', { allowBlank: true, max: 512 });
    reader.done();
    const now = new Date().toISOString();
    const policy = policies.add({
      id: world.newId(), name: name ?? '', commands: commands ?? [], users: users ?? [], groups: groups ?? [], servers: servers ?? [],
      run_as: runAs ?? 'root', no_password: noPassword ?? false, description: description ?? '', added_at: now, updated_at: now,
    });
    return { status: 201, body: policyJson(policy) };
  });
}

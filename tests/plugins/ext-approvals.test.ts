import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

describe('approvals plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['approvals'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });

  it('explain_approval_decision answers locally (as the Python server does): human-only, nothing sent', async () => {
    const pending = ((await t.call('list_approval_requests', { ...ws, status: 'pending' })).data as { results: { id: string }[] }).results[0];
    t.sandbox.requests.clear();
    const result = await t.call('explain_approval_decision', { ...ws, request_id: pending.id });
    expect(result.data).toMatchObject({
      status: 'pending_approval', category: 'APPROVAL_DECISION_HUMAN_ONLY', requires_human_approval: true, approvable_by_agent: false,
      request_id: pending.id, workspace: ws.workspace, next_action: expect.stringMatching(/human/),
    });
    expect(t.sandbox.requests.all()).toEqual([]);
    const tool = (await t.client.listTools()).tools.find((x) => x.name === 'explain_approval_decision');
    expect(tool?.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    expect(t.app.registry.get('explain_approval_decision')?.outputSchema).toBeDefined();
    expect((await t.call('explain_approval_decision', ws)).data).not.toHaveProperty('request_id');
    await noRequestFor('explain_approval_decision', { request_id: 'pending-1' });
  });

  it('list_approval_requests filters by status and type', async () => {
    t.sandbox.requests.clear();
    const result = await t.call('list_approval_requests', { ...ws, status: 'pending', request_type: 'work_session' });
    const page = result.data as { count: number; results: { status: string; request_type: string }[] };
    expect(page.count).toBe(1);
    expect(page.results[0]).toMatchObject({ status: 'pending', request_type: 'work_session' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/approvals/approvals/', query: { status: 'pending', request_type: 'work_session', page: '1', page_size: '20' },
    })]);
    await noRequestFor('list_approval_requests', { status: 'open' });
    expect((await t.call('list_approval_requests', { ...ws, page: 5 })).error?.code).toBe('not_found');
  });

  it('get_approval_request returns one request', async () => {
    const first = ((await t.call('list_approval_requests', ws)).data as { results: { id: string }[] }).results[0];
    t.sandbox.requests.clear();
    const result = await t.call('get_approval_request', { ...ws, request_id: first.id });
    expect(result.data).toMatchObject({ id: first.id });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: `/api/approvals/approvals/${first.id}/` })]);
    const missing = await t.call('get_approval_request', { ...ws, request_id: UNKNOWN_ID });
    expect(missing.error?.code).toBe('not_found');
    expect(missing.error?.message).toContain(UNKNOWN_ID);
    await noRequestFor('get_approval_request', { request_id: '42' });
  });

  it('create_sudo_policy then list_sudo_policies', async () => {
    const server = t.sandbox.world.servers.all()[0];
    const alice = t.sandbox.world.findUserByUsername('alice')!;
    t.sandbox.requests.clear();
    const created = await t.call('create_sudo_policy', {
      ...ws, name: 'nginx', commands: ['systemctl restart nginx'], users: [alice.id], servers: [server.id], no_password: true,
    });
    expect(created.error).toBeUndefined();
    const policy = created.data as { id: string; run_as: string };
    expect(policy.run_as).toBe('root');
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/approvals/sudo-policies/',
      body: { name: 'nginx', commands: ['systemctl restart nginx'], users: [alice.id], servers: [server.id], no_password: true },
    })]);
    await noRequestFor('create_sudo_policy', { name: 'x', commands: [] });
    await noRequestFor('create_sudo_policy', { name: 'x', commands: ['ls'], run_as: 'Root User' });
    const unknownUser = await t.call('create_sudo_policy', { ...ws, name: 'x', commands: ['ls'], users: [UNKNOWN_ID] });
    expect(unknownUser.error?.code).toBe('invalid_input');

    t.sandbox.requests.clear();
    const listed = await t.call('list_sudo_policies', { ...ws, page_size: 10 });
    expect((listed.data as { results: { id: string }[] }).results.map((p) => p.id)).toEqual([policy.id]);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/approvals/sudo-policies/', query: { page: '1', page_size: '10' },
    })]);
    await noRequestFor('list_sudo_policies', { page: 0 });
    expect((await t.call('list_sudo_policies', { ...ws, page: 3 })).error?.code).toBe('not_found');
  });

  it('annotations', async () => {
    const tools = (await t.client.listTools()).tools;
    const hints = Object.fromEntries(tools.map((tool) => [tool.name, [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint]]));
    expect(hints).toEqual({
      list_approval_requests: [true, false], get_approval_request: [true, false], list_sudo_policies: [true, false], create_sudo_policy: [false, false],
      explain_approval_decision: [true, false],
    });
  });
});

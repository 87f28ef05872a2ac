import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { connect, connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

// Routes under test: sandbox/routes/ext-iam-apps.ts, written to the Python server's tools/iam_tools.py and its
// tests/test_iam_tools.py (the only source: no other official client calls /api/iam/applications/).

interface App {
  id: string;
  name: string;
  description: string;
  service_type: string;
  system_users: { id: string; username: string }[];
}

describe('iam-apps plugin (IAM applications) against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['iam-apps', 'sysinfo'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });

  it('is opt-in: not in the default tool set', async () => {
    const c = await connect({ env: {} });
    try {
      const names = (await c.client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('list_iam_users');
      expect(names).not.toContain('list_iam_applications');
    } finally {
      await c.close();
    }
  });

  it('create, list, get, update and delete an application', async () => {
    t.sandbox.requests.clear();
    const created = await t.call('create_iam_application', { ...ws, name: 'ci-deployer', description: 'Deploys from CI', service_type: 'ci_cd' });
    expect(created.error).toBeUndefined();
    const app = created.data as App;
    expect(app).toMatchObject({ name: 'ci-deployer', service_type: 'ci_cd', system_users: [] });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/iam/applications/', body: { name: 'ci-deployer', description: 'Deploys from CI', service_type: 'ci_cd' },
    })]);
    const plain = (await t.call('create_iam_application', { ...ws, name: 'exporter' })).data as App;
    expect(plain.service_type).toBe('integration');
    expect((await t.call('create_iam_application', { ...ws, name: 'exporter' })).error?.code).toBe('invalid_input');

    t.sandbox.requests.clear();
    const page = (await t.call('list_iam_applications', { ...ws, page_size: 5 })).data as { count: number; results: App[] };
    expect(page.results.map((a) => a.name)).toEqual(['ci-deployer', 'exporter']);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/iam/applications/', query: { page: '1', page_size: '5' } })]);
    expect((await t.call('get_iam_application', { ...ws, app_id: app.id })).data).toMatchObject({ id: app.id, name: 'ci-deployer' });
    expect((await t.call('get_iam_application', { ...ws, app_id: UNKNOWN_ID })).error?.code).toBe('not_found');

    t.sandbox.requests.clear();
    const updated = await t.call('update_iam_application', { ...ws, app_id: app.id, description: 'Deploys web' });
    expect(updated.data).toMatchObject({ name: 'ci-deployer', description: 'Deploys web' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'PATCH', path: `/api/iam/applications/${app.id}/`, body: { description: 'Deploys web' } })]);

    t.sandbox.requests.clear();
    expect((await t.call('delete_iam_application', { ...ws, app_id: plain.id })).data).toEqual({ deleted: true, app_id: plain.id });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/iam/applications/${plain.id}/` })]);
    expect((await t.call('delete_iam_application', { ...ws, app_id: plain.id })).error?.code).toBe('not_found');

    await noRequestFor('create_iam_application', { name: 'x', service_type: 'oauth' });
    await noRequestFor('create_iam_application', { name: '' });
    await noRequestFor('update_iam_application', { app_id: app.id });
    await noRequestFor('get_iam_application', { app_id: 'ci-deployer' });
    await noRequestFor('list_iam_applications', { page_size: 1000 });
  });

  it('assign and unassign system users by the ids list_system_users gives', async () => {
    const app = (await t.call('create_iam_application', { ...ws, name: 'monitor', service_type: 'monitoring' })).data as App;
    const server = t.sandbox.world.servers.all()[0];
    const users = ((await t.call('list_system_users', { ...ws, server_id: server.id, username: 'www-data' })).data as { users: { id: string; username: string }[] }).users;
    const wwwData = users.find((u) => u.username === 'www-data')!;
    expect(wwwData.id).toMatch(/^[0-9a-f-]{36}$/);

    t.sandbox.requests.clear();
    const assigned = await t.call('assign_application_system_users', { ...ws, app_id: app.id, system_user_ids: [wwwData.id] });
    expect(assigned.data).toEqual([{ id: wwwData.id, username: 'www-data', server: server.id }]);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: `/api/iam/applications/${app.id}/system-users/`, body: { system_user_ids: [wwwData.id] },
    })]);
    expect(((await t.call('get_iam_application', { ...ws, app_id: app.id })).data as App).system_users.map((u) => u.username)).toEqual(['www-data']);
    const unknownUser = await t.call('assign_application_system_users', { ...ws, app_id: app.id, system_user_ids: [UNKNOWN_ID] });
    expect(unknownUser.error?.code).toBe('invalid_input');

    t.sandbox.requests.clear();
    const released = await t.call('unassign_application_system_users', { ...ws, app_id: app.id, system_user_ids: [wwwData.id] });
    expect(released.data).toEqual({ unassigned: 1, system_user_ids: [wwwData.id] });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path: `/api/iam/applications/${app.id}/system-users/unassign/` })]);
    expect(((await t.call('get_iam_application', { ...ws, app_id: app.id })).data as App).system_users).toEqual([]);

    await noRequestFor('assign_application_system_users', { app_id: app.id, system_user_ids: [] });
    await noRequestFor('assign_application_system_users', { app_id: app.id, system_user_ids: ['www-data'] });
    await noRequestFor('unassign_application_system_users', { app_id: 'monitor', system_user_ids: [wwwData.id] });
  });

  it('a general user is refused changes with forbidden', async () => {
    const general = t.sandbox.world.users.all().find((u) => !u.is_staff && !u.is_superuser)!;
    const { key } = t.sandbox.addToken({ username: general.username });
    const c = await connect({ rc: { plugins: ['iam-apps'] }, env: { [tokenEnvName(t.sandbox.region, t.sandbox.workspace)]: key }, overrides: { baseUrl: t.sandbox.url } });
    try {
      expect((await c.call('create_iam_application', { ...ws, name: 'sneaky' })).error?.code).toBe('forbidden');
    } finally {
      await c.close();
    }
  });

  it('annotations; every description says the endpoint is unconfirmed', async () => {
    const tools = (await t.client.listTools()).tools.filter((tool) => tool.name.includes('application'));
    expect(tools).toHaveLength(7);
    const hints = Object.fromEntries(tools.map((tool) => [tool.name, [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint, tool.annotations?.idempotentHint]]));
    expect(hints).toEqual({
      list_iam_applications: [true, false, true], get_iam_application: [true, false, true], create_iam_application: [false, false, false],
      update_iam_application: [false, true, true], delete_iam_application: [false, true, false],
      assign_application_system_users: [false, true, true], unassign_application_system_users: [false, true, true],
    });
    for (const tool of tools) expect(tool.description).toMatch(/unconfirmed/);
  });
});

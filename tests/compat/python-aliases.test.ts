import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

/**
 * Prompts written for the Python alpacon-mcp server (alpacax/alpacon-mcp tools/*.py) use its argument names: they are accepted
 * as aliases, mapped before validation, and never published in the schemas. Every case checks what reached the sandbox.
 */
describe('Python argument names through MCP', () => {
  let t: SandboxedConnection;
  let serverId: string;
  const call = (tool: string, args: Record<string, unknown>) => t.call(tool, { workspace: t.sandbox.workspace, ...args });
  const sent = () => t.sandbox.requests.all();
  const host = () => t.sandbox.world.host(serverId);

  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['all'] }, sandbox: { servers: 2 } });
    serverId = (t.sandbox.world.servers.all().find((s) => s.is_connected) ?? t.sandbox.world.servers.all()[0]).id;
  });
  afterAll(async () => t?.close());

  it('publishes no alias in any schema', async () => {
    const { tools } = await t.client.listTools();
    let aliased = 0;
    for (const tool of tools) {
      const aliases = Object.entries(t.app.registry.loaded(tool.name)?.aliases ?? {});
      if (aliases.length > 0) aliased += 1;
      const published = Object.keys((tool.inputSchema.properties ?? {}) as object);
      // A rule named after its own argument converts the Python form of that argument's value; it is no extra name.
      for (const [alias] of aliases.filter(([name, rule]) => typeof rule === 'string' || rule.to !== name)) {
        expect({ tool: tool.name, alias, published: published.includes(alias) }).toEqual({ tool: tool.name, alias, published: false });
      }
    }
    expect(aliased).toBeGreaterThanOrEqual(20);
  });

  it('webftp_upload_content: file_content (base64), file_name and allow_overwrite', async () => {
    t.sandbox.requests.clear();
    const content = Buffer.from('written by a python prompt\n').toString('base64');
    const result = await call('webftp_upload_content', { server_id: serverId, file_content: content, remote_file_path: '/tmp/', file_name: 'py.txt', allow_overwrite: true });
    expect(result.error).toBeUndefined();
    expect(sent()[0]).toMatchObject({ method: 'POST', path: '/api/webftp/uploads/', body: { name: 'py.txt', path: '/tmp/', allow_overwrite: true } });
    expect((await host().fs.readFile('/tmp/py.txt')).toString()).toBe('written by a python prompt\n');
  });

  it('an alias given with its own argument is invalid_input, and nothing is sent', async () => {
    t.sandbox.requests.clear();
    const both = await call('webftp_upload_content', { server_id: serverId, file_content: 'aGk=', content: 'hi', remote_file_path: '/tmp/x.txt' });
    expect(both.error?.code).toBe('invalid_input');
    expect(both.error?.details?.fields).toEqual([{ field: 'file_content', problems: ['is another name for content; give only one of file_content and content'] }]);
    const mismatch = await call('webftp_upload_content', { server_id: serverId, file_content: 'aGk=', remote_file_path: '/tmp/x.txt', file_name: 'y.txt' });
    expect(mismatch.error?.code).toBe('invalid_input');
    expect(sent()).toHaveLength(0);
  });

  it('list_system_users / list_system_groups: username_filter, login_enabled_only, groupname_filter', async () => {
    t.sandbox.requests.clear();
    expect((await call('list_system_users', { server_id: serverId, username_filter: 'root', login_enabled_only: true })).ok).toBe(true);
    expect(sent()[0]).toMatchObject({ path: '/api/proc/users/', query: { search: 'root', login_enabled: 'true' } });
    t.sandbox.requests.clear();
    expect((await call('list_system_users', { server_id: serverId, login_enabled_only: false })).ok).toBe(true);
    expect(sent()[0].query.login_enabled).toBeUndefined();
    t.sandbox.requests.clear();
    expect((await call('list_system_groups', { server_id: serverId, groupname_filter: 'adm' })).ok).toBe(true);
    expect(sent()[0]).toMatchObject({ path: '/api/proc/groups/' });
    expect(JSON.stringify(sent()[0].query)).toContain('adm');
  });

  it('server notes: title becomes the first line of the content; a title alone is refused', async () => {
    t.sandbox.requests.clear();
    const created = await call('create_server_note', { server_id: serverId, title: 'Disk', content: 'grew /var' });
    expect(created.ok).toBe(true);
    expect(sent()[0]).toMatchObject({ method: 'POST', path: '/api/servers/notes/', body: { content: '# Disk\n\ngrew /var' } });
    const noteId = (created.data as { id: string }).id;
    t.sandbox.requests.clear();
    const titleOnly = await call('update_server_note', { note_id: noteId, title: 'Renamed' });
    expect(titleOnly.error?.code).toBe('invalid_input');
    expect(titleOnly.error?.details?.fields).toEqual([expect.objectContaining({ field: 'title' })]);
    expect(sent()).toHaveLength(0);
  });

  it('ids under their Python names: ca_id, csr_id, revoke_id, api_token_id', async () => {
    const id = randomUUID();
    t.sandbox.requests.clear();
    await call('get_certificate_authority', { ca_id: id });
    await call('get_sign_request', { csr_id: id });
    await call('get_revoke_request', { revoke_id: id });
    // Token ACLs need a login credential (the sandbox token is an API token), so the mapping shows in validation instead.
    expect((await call('list_command_acls', { api_token_id: id })).error?.code).not.toBe('invalid_input');
    expect((await call('list_command_acls', { api_token_id: 'not-a-uuid' })).error?.details?.fields).toEqual([expect.objectContaining({ field: 'token_id' })]);
    const paths = sent().map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`/authorities/${id}/$`)),
      expect.stringMatching(new RegExp(`/sign-requests/${id}/$`)),
      expect.stringMatching(new RegExp(`/revoke-requests/${id}/$`)),
    ]));
  });

  it('star_server status, work_session_list limit, get_top_servers metric_types as a string, update_workspace_preferences fields', async () => {
    t.sandbox.requests.clear();
    await call('star_server', { server_id: serverId, status: true });
    expect(sent().some((r) => r.path.startsWith(`/api/servers/servers/${serverId}/`))).toBe(true);

    t.sandbox.requests.clear();
    await call('work_session_list', { limit: 5 });
    expect(sent()[0].query).toMatchObject({ page_size: '5' });

    t.sandbox.requests.clear();
    const top = await call('get_top_servers', { metric_types: 'cpu' });
    expect(top.error?.code).not.toBe('invalid_input');
    expect(sent().length).toBeGreaterThan(0);
    expect(sent().every((r) => /cpu/.test(r.path))).toBe(true);

    t.sandbox.requests.clear();
    await call('update_workspace_preferences', { timezone: 'Asia/Seoul' });
    expect(sent()[0]).toMatchObject({ method: 'PATCH', path: '/api/workspaces/preferences/-/', body: { timezone: 'Asia/Seoul' } });
  });

  it('compatibility-only arguments: shell "system" and page 1 are accepted, other values refused', async () => {
    t.sandbox.requests.clear();
    const refusedShell = await call('execute_command_multi_server', { server_ids: [serverId], command: 'true', shell: 'osquery' });
    expect(refusedShell.error?.details?.fields).toEqual([{ field: 'shell', problems: ['commands run in the system shell'] }]);
    const refusedPage = await call('list_activity_logs', { page: 2 });
    expect(refusedPage.error?.code).toBe('invalid_input');
    expect(sent()).toHaveLength(0);
    const firstPage = await call('list_activity_logs', { page: 1 });
    expect(firstPage.error?.code).not.toBe('invalid_input');
    const ran = await call('execute_command', { server_id: serverId, command: 'echo py', shell: 'system' });
    expect(ran.error).toBeUndefined();
  });

  it('webftp_session_create takes work_session_id, sent as work_session as the Python server does', async () => {
    const workSession = randomUUID();
    t.sandbox.requests.clear();
    const opened = await call('webftp_session_create', { server_id: serverId, work_session_id: workSession });
    expect(opened.error).toBeUndefined();
    expect(sent()[0]).toMatchObject({ method: 'POST', path: '/api/webftp/sessions/', body: { server: serverId, work_session: workSession } });
  });

  it('region "" (the Python default) means: find it; create_iam_user needs no first_name/last_name', async () => {
    t.sandbox.requests.clear();
    const user = await call('create_iam_user', { username: 'pyuser', email: 'py@example.com', region: '' });
    expect(user.error).toBeUndefined();
    const body = sent().find((r) => r.method === 'POST' && r.path === '/api/iam/users/')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ username: 'pyuser', email: 'py@example.com' });
    expect(body.first_name).toBeUndefined();
  });
});

describe('Python names meet the safety rules after mapping', () => {
  it('allow_overwrite true counts as overwrite under disableDestructive', async () => {
    const t = await connectToSandbox({ rc: { plugins: ['webftp'], disableDestructive: true } });
    try {
      const serverId = t.sandbox.world.servers.all()[0].id;
      t.sandbox.requests.clear();
      const refused = await t.call('webftp_upload_content', {
        workspace: t.sandbox.workspace, server_id: serverId, file_content: 'aGk=', remote_file_path: '/tmp/x.txt', allow_overwrite: true,
      });
      expect(refused.error?.code).toBe('policy_denied');
      expect(refused.error?.details).toMatchObject({ rule: 'disableDestructive', fields: ['overwrite'] });
      expect(t.sandbox.requests.all()).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});

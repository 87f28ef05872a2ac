import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('security plugin (token ACLs) against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  let tokenId: string;
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['security'] } });
    ws = { workspace: t.sandbox.workspace };
    tokenId = t.sandbox.addToken({ name: 'ci' }).id;
  });
  afterAll(async () => t.close());

  const noRequestFor = async (tool: string, args: Record<string, unknown>) => {
    t.sandbox.requests.clear();
    const result = await t.call(tool, { ...ws, ...args });
    expect(result.error?.code).toBe('invalid_input');
    expect(t.sandbox.requests.all()).toEqual([]);
  };

  it('command ACL: create, list, delete; the token becomes restricted', async () => {
    t.sandbox.requests.clear();
    const created = await t.call('create_command_acl', { ...ws, token_id: tokenId, command: 'uptime', username: 'deploy' });
    expect(created.error).toBeUndefined();
    const entry = created.data as { id: string; command: string };
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/security/command-acl/', body: { token: tokenId, command: 'uptime', username: 'deploy' },
    })]);
    expect(t.sandbox.world.tokens.get(tokenId)?.acl.commands).toEqual(['uptime']);

    t.sandbox.requests.clear();
    const listed = await t.call('list_command_acls', { ...ws, token_id: tokenId });
    expect((listed.data as { results: { id: string }[] }).results.map((e) => e.id)).toEqual([entry.id]);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/security/command-acl/', query: { token: tokenId, page: '1', page_size: '20' },
    })]);

    t.sandbox.requests.clear();
    expect((await t.call('delete_command_acl', { ...ws, acl_id: entry.id })).data).toEqual({ deleted: true, acl_id: entry.id });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/security/command-acl/${entry.id}/` })]);
    expect(t.sandbox.world.tokens.get(tokenId)?.acl.commands).toBeUndefined();

    await noRequestFor('create_command_acl', { token_id: tokenId, command: '' });
    await noRequestFor('create_command_acl', { token_id: tokenId, command: 'ls', username: 'Bad User' });
    await noRequestFor('list_command_acls', { token_id: 'ci' });
    await noRequestFor('delete_command_acl', { acl_id: 'x' });
    expect((await t.call('create_command_acl', { ...ws, token_id: UNKNOWN_ID, command: 'ls' })).error?.code).toBe('invalid_input');
    expect((await t.call('delete_command_acl', { ...ws, acl_id: UNKNOWN_ID })).error?.code).toBe('not_found');
  });

  it('server ACL: create, list, delete, bulk add and remove', async () => {
    const [a, b, c] = t.sandbox.world.servers.all();
    t.sandbox.requests.clear();
    const created = await t.call('create_server_acl', { ...ws, token_id: tokenId, server_id: a.id });
    const entry = created.data as { id: string; server: { id: string } };
    expect(entry.server.id).toBe(a.id);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path: '/api/security/server-acl/', body: { token: tokenId, server: a.id } })]);

    t.sandbox.requests.clear();
    const bulk = await t.call('bulk_server_acl', { ...ws, token_id: tokenId, action: 'add', server_ids: [b.id, c.id] });
    expect(bulk.error).toBeUndefined();
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path: '/api/security/server-acl/bulk/', body: { token: tokenId, servers: [b.id, c.id] } })]);
    expect(t.sandbox.world.tokens.get(tokenId)?.acl.servers).toEqual([a.id, b.id, c.id]);

    const listed = await t.call('list_server_acls', { ...ws, token_id: tokenId, page_size: 2 });
    expect(listed.data).toMatchObject({ count: 3, next_page: 2 });

    t.sandbox.requests.clear();
    await t.call('bulk_server_acl', { ...ws, token_id: tokenId, action: 'remove', server_ids: [b.id, c.id] });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path: '/api/security/server-acl/bulk/delete/', body: { token: tokenId, servers: [b.id, c.id] } })]);
    expect(t.sandbox.world.tokens.get(tokenId)?.acl.servers).toEqual([a.id]);

    await t.call('delete_server_acl', { ...ws, acl_id: entry.id });
    expect(t.sandbox.world.tokens.get(tokenId)?.acl.servers).toBeUndefined();

    await noRequestFor('bulk_server_acl', { token_id: tokenId, action: 'replace', server_ids: [a.id] });
    await noRequestFor('bulk_server_acl', { token_id: tokenId, action: 'add', server_ids: [a.id, a.id] });
    await noRequestFor('create_server_acl', { token_id: tokenId, server_id: 'web-01' });
    expect((await t.call('create_server_acl', { ...ws, token_id: tokenId, server_id: UNKNOWN_ID })).error?.code).toBe('invalid_input');
    expect((await t.call('delete_server_acl', { ...ws, acl_id: UNKNOWN_ID })).error?.code).toBe('not_found');
  });

  it('file ACL: create, list, delete', async () => {
    t.sandbox.requests.clear();
    const created = await t.call('create_file_acl', { ...ws, token_id: tokenId, path: '/var/log/*', action: 'download' });
    const entry = created.data as { id: string; path: string; action: string };
    expect(entry).toMatchObject({ path: '/var/log/*', action: 'download' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/security/file-acl/', body: { token: tokenId, path: '/var/log/*', action: 'download' },
    })]);
    const listed = await t.call('list_file_acls', { ...ws, token_id: tokenId });
    expect((listed.data as { count: number }).count).toBe(1);
    expect((await t.call('delete_file_acl', { ...ws, acl_id: entry.id })).ok).toBe(true);
    await noRequestFor('create_file_acl', { token_id: tokenId, path: 'var/log', action: 'download' });
    await noRequestFor('create_file_acl', { token_id: tokenId, path: '/tmp', action: 'delete' });
    expect((await t.call('delete_file_acl', { ...ws, acl_id: entry.id })).error?.code).toBe('not_found');
  });

  it('annotations', async () => {
    const tools = (await t.client.listTools()).tools;
    for (const tool of tools) {
      const a = tool.annotations ?? {};
      const expected = tool.name.startsWith('list_') ? [true, false] : tool.name.startsWith('create_') ? [false, false] : [false, true];
      expect({ name: tool.name, hints: [a.readOnlyHint, a.destructiveHint] }).toEqual({ name: tool.name, hints: expected });
    }
    expect(tools).toHaveLength(10);
  });
});

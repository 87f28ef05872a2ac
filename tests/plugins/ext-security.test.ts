import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

describe('security plugin (token ACLs) against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  let tokenId: string;
  beforeAll(async () => {
    // Token ACLs need a login credential (tests/contract/tokens.test.ts shows the refusal of an API token).
    t = await connectToSandbox({ rc: { plugins: ['security'] }, credential: 'jwt' });
    ws = { workspace: t.sandbox.workspace };
    tokenId = t.sandbox.addToken({ name: 'ci' }).id;
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });

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

  it('update_command_acl patches only the given fields; clearing username is allowed', async () => {
    const entry = (await t.call('create_command_acl', { ...ws, token_id: tokenId, command: 'uptime', username: 'deploy' })).data as { id: string };
    t.sandbox.requests.clear();
    const updated = await t.call('update_command_acl', { ...ws, acl_id: entry.id, command: 'df -h', username: '' });
    expect(updated.error).toBeUndefined();
    expect(updated.data).toMatchObject({ id: entry.id, command: 'df -h', username: '' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'PATCH', path: `/api/security/command-acl/${entry.id}/`, body: { command: 'df -h', username: '' },
    })]);
    expect(t.sandbox.world.tokens.get(tokenId)?.acl.commands).toEqual(['df -h']);
    await noRequestFor('update_command_acl', { acl_id: entry.id });
    await noRequestFor('update_command_acl', { acl_id: entry.id, username: 'Bad User' });
    await noRequestFor('update_command_acl', { acl_id: 'x', command: 'ls' });
    expect((await t.call('update_command_acl', { ...ws, acl_id: UNKNOWN_ID, command: 'ls' })).error?.code).toBe('not_found');
    await t.call('delete_command_acl', { ...ws, acl_id: entry.id });
  });

  it('update_server_acl moves an entry to another server and token', async () => {
    const [a, b] = t.sandbox.world.servers.all();
    const other = t.sandbox.addToken({ name: 'other' }).id;
    const entry = (await t.call('create_server_acl', { ...ws, token_id: tokenId, server_id: a.id })).data as { id: string };
    t.sandbox.requests.clear();
    const updated = await t.call('update_server_acl', { ...ws, acl_id: entry.id, server_id: b.id, token_id: other });
    expect(updated.data).toMatchObject({ id: entry.id, token: other, server: { id: b.id } });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'PATCH', path: `/api/security/server-acl/${entry.id}/`, body: { server: b.id, token: other },
    })]);
    expect(t.sandbox.world.tokens.get(tokenId)?.acl.servers).toBeUndefined();
    expect(t.sandbox.world.tokens.get(other)?.acl.servers).toEqual([b.id]);
    t.sandbox.requests.clear();
    const listed = await t.call('list_server_acls', { ...ws, token_id: other });
    expect((listed.data as { count: number }).count).toBe(1);
    await noRequestFor('update_server_acl', { acl_id: entry.id });
    await noRequestFor('update_server_acl', { acl_id: entry.id, server_id: 'web-01' });
    expect((await t.call('update_server_acl', { ...ws, acl_id: entry.id, server_id: UNKNOWN_ID })).error?.code).toBe('invalid_input');
    expect((await t.call('update_server_acl', { ...ws, acl_id: UNKNOWN_ID, server_id: a.id })).error?.code).toBe('not_found');
    await t.call('delete_server_acl', { ...ws, acl_id: entry.id });
  });

  it('update_file_acl changes path and action', async () => {
    const entry = (await t.call('create_file_acl', { ...ws, token_id: tokenId, path: '/var/log/*', action: 'download' })).data as { id: string };
    t.sandbox.requests.clear();
    const updated = await t.call('update_file_acl', { ...ws, acl_id: entry.id, path: '/srv/*', action: '*' });
    expect(updated.data).toMatchObject({ id: entry.id, path: '/srv/*', action: '*' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'PATCH', path: `/api/security/file-acl/${entry.id}/`, body: { path: '/srv/*', action: '*' },
    })]);
    expect(t.sandbox.world.tokens.get(tokenId)?.acl.paths).toEqual(['/srv/*']);
    await noRequestFor('update_file_acl', { acl_id: entry.id, path: 'srv' });
    await noRequestFor('update_file_acl', { acl_id: entry.id, action: 'delete' });
    await noRequestFor('update_file_acl', { acl_id: entry.id });
    expect((await t.call('update_file_acl', { ...ws, acl_id: UNKNOWN_ID, action: 'upload' })).error?.code).toBe('not_found');
    await t.call('delete_file_acl', { ...ws, acl_id: entry.id });
  });

  it('the sandbox list filter accepts api_token as well as token', async () => {
    const entry = (await t.call('create_command_acl', { ...ws, token_id: tokenId, command: 'w' })).data as { id: string };
    const other = t.sandbox.addToken({ name: 'third' }).id;
    const count = async (query: string) => {
      const response = await fetch(`${t.sandbox.url}/api/security/command-acl/?${query}`, { headers: { authorization: `Bearer ${t.sandbox.jwt}` } });
      return ((await response.json()) as { count: number }).count;
    };
    expect(await count(`api_token=${tokenId}`)).toBe(1);
    expect(await count(`api_token=${other}`)).toBe(0);
    expect(await count(`token=${tokenId}`)).toBe(1);
    await t.call('delete_command_acl', { ...ws, acl_id: entry.id });
  });

  it('annotations', async () => {
    const tools = (await t.client.listTools()).tools;
    for (const tool of tools) {
      const a = tool.annotations ?? {};
      const expected = tool.name.startsWith('list_') ? [true, false, true] : tool.name.startsWith('create_') ? [false, false, false]
        : tool.name.startsWith('update_') ? [false, true, true] : [false, true, false];
      expect({ name: tool.name, hints: [a.readOnlyHint, a.destructiveHint, a.idempotentHint] }).toEqual({ name: tool.name, hints: expected });
    }
    expect(tools).toHaveLength(13);
  });
});

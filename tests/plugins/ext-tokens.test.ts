import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

interface Token {
  id: string;
  name: string;
  enabled: boolean;
  scopes: string[];
  expires_at: string | null;
  key?: string;
  key_shown_once?: string;
}

describe('tokens plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    // Token management needs a login credential (tests/contract/tokens.test.ts shows the refusal of an API token).
    t = await connectToSandbox({ rc: { plugins: ['tokens'] }, credential: 'jwt' });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });

  it('list_api_tokens and get_api_token never carry a key', async () => {
    t.sandbox.requests.clear();
    const listed = await t.call('list_api_tokens', { ...ws, page_size: 5 });
    const page = listed.data as { results: Token[] };
    expect(page.results.map((tok) => tok.name)).toContain('sandbox');
    expect(page.results.every((tok) => tok.key === undefined)).toBe(true);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/auth/tokens/', query: { page: '1', page_size: '5' } })]);
    const own = page.results.find((tok) => tok.name === 'sandbox')!;
    const got = await t.call('get_api_token', { ...ws, token_id: own.id });
    expect(got.data).toMatchObject({ id: own.id, name: 'sandbox' });
    expect((await t.call('get_api_token', { ...ws, token_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('get_api_token', { token_id: 'sandbox' });
    await noRequestFor('list_api_tokens', { page_size: 500 });
  });

  it('list_api_token_scopes', async () => {
    t.sandbox.requests.clear();
    const result = await t.call('list_api_token_scopes', ws);
    expect(result.data).toMatchObject({ wildcards: expect.arrayContaining(['*:*']) });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/auth/tokens/scopes/' })]);
    await noRequestFor('list_api_token_scopes', { workspace: 'Not A Slug' });
  });

  it('list_api_token_presets reads the preset catalog (route from the Python server: tools/token_tools.py)', async () => {
    t.sandbox.requests.clear();
    const result = await t.call('list_api_token_presets', ws);
    expect(result.data).toMatchObject({ file_upload: { name: 'File upload', scopes: expect.arrayContaining(['webftp:add']) } });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/auth/tokens/presets/' })]);
    expect(result.raw.content[0]).toMatchObject({ type: 'text' });
    await noRequestFor('list_api_token_presets', { workspace: 'Not A Slug' });
    await noRequestFor('list_api_token_presets', { kind: 'all' });
    t.sandbox.faults.add({ kind: 'error5xx', status: 403, pathPrefix: '/api/auth/tokens/presets/', count: 1 });
    expect((await t.call('list_api_token_presets', ws)).error?.code).toBe('forbidden');
  });

  it('create_api_token shows the key once, marked, and never logs it', async () => {
    t.sandbox.requests.clear();
    const created = await t.call('create_api_token', { ...ws, name: 'ci-bot', scopes: ['servers:view', 'commands:add'] });
    expect(created.error).toBeUndefined();
    const token = created.data as Token & { key_note: string };
    expect(token.key).toBeUndefined();
    expect(token.key_shown_once).toBe(t.sandbox.world.tokens.get(token.id)?.key);
    expect(token.key_note).toMatch(/only this once/);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/auth/tokens/', body: { name: 'ci-bot', scopes: ['servers:view', 'commands:add'] },
    })]);
    expect(t.logs.join('\n')).not.toContain(token.key_shown_once);
    const duplicate = await t.call('create_api_token', { ...ws, name: 'ci-bot' });
    expect(duplicate.error?.code).toBe('invalid_input');
    await noRequestFor('create_api_token', { name: 'x', scopes: ['everything'] });
    await noRequestFor('create_api_token', { name: '' });
  });

  it('update_api_token sends only the changes; clear_expires_at sends null', async () => {
    const token = (await t.call('create_api_token', { ...ws, name: 'temp', expires_at: '2030-01-01T00:00:00Z' })).data as Token;
    t.sandbox.requests.clear();
    const updated = await t.call('update_api_token', { ...ws, token_id: token.id, enabled: false, clear_expires_at: true });
    expect(updated.data).toMatchObject({ enabled: false, expires_at: null });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'PATCH', path: `/api/auth/tokens/${token.id}/`, body: { enabled: false, expires_at: null },
    })]);
    await noRequestFor('update_api_token', { token_id: token.id });
    await noRequestFor('update_api_token', { token_id: token.id, expires_at: '2031-01-01T00:00:00Z', clear_expires_at: true });
    expect((await t.call('update_api_token', { ...ws, token_id: UNKNOWN_ID, name: 'x' })).error?.code).toBe('not_found');
  });

  it('duplicate_api_token and delete_api_token', async () => {
    const source = (await t.call('create_api_token', { ...ws, name: 'src' })).data as Token;
    t.sandbox.requests.clear();
    const copy = await t.call('duplicate_api_token', { ...ws, token_id: source.id, name: 'src-2' });
    const token = copy.data as Token;
    expect(token).toMatchObject({ name: 'src-2' });
    expect(typeof token.key_shown_once).toBe('string');
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path: `/api/auth/tokens/${source.id}/duplicate/`, body: { name: 'src-2' } })]);
    expect((await t.call('duplicate_api_token', { ...ws, token_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('duplicate_api_token', { token_id: source.id, name: '' });

    t.sandbox.requests.clear();
    expect((await t.call('delete_api_token', { ...ws, token_id: token.id })).data).toEqual({ deleted: true, token_id: token.id });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/auth/tokens/${token.id}/` })]);
    expect(t.sandbox.world.tokens.get(token.id)).toBeUndefined();
    expect((await t.call('delete_api_token', { ...ws, token_id: token.id })).error?.code).toBe('not_found');
    await noRequestFor('delete_api_token', { token_id: 'x' });
  });

  it('annotations', async () => {
    const tools = (await t.client.listTools()).tools;
    const hints = Object.fromEntries(tools.map((tool) => [tool.name, [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint, tool.annotations?.idempotentHint]]));
    expect(hints).toEqual({
      list_api_tokens: [true, false, true], get_api_token: [true, false, true], list_api_token_scopes: [true, false, true],
      create_api_token: [false, false, false], update_api_token: [false, true, true], delete_api_token: [false, true, false],
      duplicate_api_token: [false, false, false], list_api_token_presets: [true, false, true],
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

describe('host + servers plugin against the sandbox', () => {
  let t: SandboxedConnection;
  beforeAll(async () => {
    t = await connectToSandbox();
  });
  afterAll(async () => t.close());

  it('list_servers sends GET /api/servers/servers/ with the token header and returns the page', async () => {
    t.sandbox.requests.clear();
    const result = await t.call('list_servers', { workspace: t.sandbox.workspace });
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    const data = result.data as { count: number; results: { id: string }[] };
    expect(data.count).toBeGreaterThan(0);
    const sent = t.sandbox.requests.all();
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('GET');
    expect(sent[0].path).toBe('/api/servers/servers/');
    expect(sent[0].status).toBe(200);
  });

  it('get_server with a bad UUID and a bad workspace is refused before any request', async () => {
    t.sandbox.requests.clear();
    const result = await t.call('get_server', { workspace: '../x', server_id: 'nope' });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid_input');
    const fields = (result.error?.details?.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['server_id', 'workspace']);
    expect(t.sandbox.requests.all()).toHaveLength(0);
  });

  it('an unconfigured workspace gets token_missing naming it', async () => {
    const result = await t.call('list_servers', { workspace: 'other', region: 'us1' });
    expect(result.error?.code).toBe('token_missing');
    expect(result.error?.message).toContain('other');
  });
});

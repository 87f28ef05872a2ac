import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

interface CursorResult<T> {
  results: T[];
  next_cursor: string | null;
}
interface Activity {
  id: string;
  app: string;
  added_at: string;
  user: { id: string };
}

describe('audit plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['audit'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });

  it('list_activity_logs pages with the cursor, newest first', async () => {
    t.sandbox.requests.clear();
    const first = await t.call('list_activity_logs', { ...ws, page_size: 25 });
    expect(first.error).toBeUndefined();
    const page1 = first.data as CursorResult<Activity>;
    expect(page1.results).toHaveLength(25);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const dates = page1.results.map((a) => a.added_at);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/audit/activity/', query: { page_size: '25' } })]);

    t.sandbox.requests.clear();
    const page2 = (await t.call('list_activity_logs', { ...ws, page_size: 25, cursor: page1.next_cursor })).data as CursorResult<Activity>;
    expect(page2.results).toHaveLength(5);
    expect(page2.next_cursor).toBeNull();
    expect(t.sandbox.requests.all()[0].query).toEqual({ cursor: page1.next_cursor, page_size: '25' });
    expect(new Set([...page1.results, ...page2.results].map((a) => a.id)).size).toBe(30);
  });

  it('list_activity_logs filters by user, app and model; API and validation errors', async () => {
    const user = t.sandbox.world.users.all()[0];
    t.sandbox.requests.clear();
    const result = await t.call('list_activity_logs', { ...ws, user_id: user.id, app: 'servers', model: 'server', fields: ['app', 'user'] });
    const page = result.data as CursorResult<Activity>;
    expect(page.results.length).toBeGreaterThan(0);
    expect(page.results.every((a) => a.app === 'servers' && a.user.id === user.id)).toBe(true);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      path: '/api/audit/activity/', query: { user: user.id, app: 'servers', model: 'server', page_size: '20' },
    })]);
    expect((await t.call('list_activity_logs', { ...ws, user_id: UNKNOWN_ID })).error).toMatchObject({ code: 'not_found', details: { user: UNKNOWN_ID } });
    expect((await t.call('list_activity_logs', { ...ws, cursor: 'bm9wZQ==' })).error?.code).toBe('not_found');
    await noRequestFor('list_activity_logs', { user_id: 'alice' });
    await noRequestFor('list_activity_logs', { app: 'Servers; drop' });
    await noRequestFor('list_activity_logs', { cursor: 'not a cursor' });
    await noRequestFor('list_activity_logs', { page_size: 0 });
  });

  it('get_activity_log returns one entry; unknown id is not_found', async () => {
    const entry = ((await t.call('list_activity_logs', { ...ws, page_size: 1 })).data as CursorResult<Activity>).results[0];
    t.sandbox.requests.clear();
    const result = await t.call('get_activity_log', { ...ws, log_id: entry.id });
    expect((result.data as Activity).id).toBe(entry.id);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: `/api/audit/activity/${entry.id}/` })]);
    const missing = await t.call('get_activity_log', { ...ws, log_id: UNKNOWN_ID });
    expect(missing.error?.code).toBe('not_found');
    expect(missing.error?.message).toContain(UNKNOWN_ID);
    await noRequestFor('get_activity_log', { log_id: '../etc' });
  });

  it('list_server_logs filters by server', async () => {
    const server = t.sandbox.world.servers.all()[1];
    t.sandbox.requests.clear();
    const result = await t.call('list_server_logs', { ...ws, server_id: server.id, page_size: 5, fields: ['server'] });
    const page = result.data as CursorResult<{ server: { id: string }; level: number; msg: string }>;
    expect(page.results).toHaveLength(5);
    expect(page.results.every((l) => l.server.id === server.id)).toBe(true);
    expect(page.next_cursor).not.toBeNull();
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/history/logs/', query: { server: server.id, page_size: '5' } })]);
    // django-filter's "Select a valid choice" on a filter is an unknown id (tests/contract/sysinfo.test.ts).
    expect((await t.call('list_server_logs', { ...ws, server_id: UNKNOWN_ID })).error).toMatchObject({ code: 'not_found', details: { server: UNKNOWN_ID } });
    await noRequestFor('list_server_logs', { server_id: 'web-01' });
  });

  it('list_webftp_logs filters by server, user and action', async () => {
    t.sandbox.requests.clear();
    const all = (await t.call('list_webftp_logs', { ...ws, fields: ['server'] })).data as CursorResult<{ action: string; success: boolean; server: { id: string } }>;
    expect(all.results).toHaveLength(6);
    expect(all.results.some((l) => !l.success)).toBe(true);
    const server = all.results[0].server.id;
    t.sandbox.requests.clear();
    const uploads = (await t.call('list_webftp_logs', { ...ws, server_id: server, action: 'upload' })).data as CursorResult<{ action: string }>;
    expect(uploads.results.length).toBeGreaterThan(0);
    expect(uploads.results.every((l) => l.action === 'upload')).toBe(true);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/history/webftp-logs/', query: { server, action: 'upload', page_size: '20' },
    })]);
    expect((await t.call('list_webftp_logs', { ...ws, user_id: UNKNOWN_ID })).error).toMatchObject({ code: 'not_found', details: { user: UNKNOWN_ID } });
    await noRequestFor('list_webftp_logs', { action: 'delete' });
    await noRequestFor('list_webftp_logs', { page_size: 101 });
  });

  it('all tools are read-only', async () => {
    const tools = (await t.client.listTools()).tools;
    expect(tools.map((tool) => tool.name).sort()).toEqual(['get_activity_log', 'get_session_analysis_detail', 'list_activity_logs', 'list_server_logs', 'list_session_analyses', 'list_webftp_logs']);
    for (const tool of tools) expect([tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint, tool.annotations?.idempotentHint]).toEqual([true, false, true]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

interface Session {
  id: string;
  status: string;
  expires_at: string;
  next_step?: string;
  scopes: string[];
}

describe('work-sessions plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  let serverId: string;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${t.sandbox.url}${path}`, {
      method, headers: { authorization: `token="${t.sandbox.token}"`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as unknown;
  };
  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });
  const create = async () => (await t.call('work_session_create', {
    ...ws, description: 'Restart nginx to clear 502s', scopes: ['command'], servers: [serverId], expires_at: inDays(1),
  })).data as Session;

  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['work-sessions'] } });
    ws = { workspace: t.sandbox.workspace };
    serverId = t.sandbox.world.servers.all()[0].id;
  });
  afterAll(async () => t.close());

  it('work_session_create sends an agent request and reports pending approval with a next step', async () => {
    const expires = inDays(1);
    t.sandbox.requests.clear();
    const result = await t.call('work_session_create', { ...ws, description: 'Rotate logs', scopes: ['command', 'webftp'], servers: [serverId], expires_at: expires, title: 'Logs' });
    expect(result.error).toBeUndefined();
    const session = result.data as Session;
    expect(session.status).toBe('pending');
    expect(session.next_step).toMatch(/work_session_get/);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/work-sessions/sessions/',
      body: { requester_type: 'agent', description: 'Rotate logs', scopes: ['command', 'webftp'], servers: [serverId], expires_at: expires, title: 'Logs' },
    })]);
    await noRequestFor('work_session_create', { description: 'x', scopes: ['root'], servers: [serverId], expires_at: expires });
    await noRequestFor('work_session_create', { description: 'x', scopes: ['command'], servers: [], expires_at: expires });
    await noRequestFor('work_session_create', { description: 'x', scopes: ['command'], servers: [serverId], expires_at: 'tomorrow' });
    const past = await t.call('work_session_create', { ...ws, description: 'x', scopes: ['command'], servers: [serverId], expires_at: inDays(-1) });
    expect(past.error?.code).toBe('invalid_input');
  });

  it('work_session_get and work_session_list', async () => {
    const session = await create();
    t.sandbox.requests.clear();
    const got = await t.call('work_session_get', { ...ws, session_id: session.id });
    expect(got.data).toMatchObject({ id: session.id, status: 'pending' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: `/api/work-sessions/sessions/${session.id}/` })]);
    expect((await t.call('work_session_get', { ...ws, session_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('work_session_get', { session_id: 'abc' });

    t.sandbox.requests.clear();
    const listed = await t.call('work_session_list', { ...ws, status: 'pending', requester_type: 'agent', page_size: 50 });
    const page = listed.data as { count: number; results: Session[] };
    expect(page.results.map((s) => s.id)).toContain(session.id);
    expect(page.results.every((s) => s.status === 'pending')).toBe(true);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/work-sessions/sessions/', query: { status: 'pending', requester_type: 'agent', page: '1', page_size: '50' },
    })]);
    await noRequestFor('work_session_list', { status: 'open' });
    expect((await t.call('work_session_list', { ...ws, page: 99 })).error?.code).toBe('not_found');
  });

  it('work_session_update changes the given fields only', async () => {
    const session = await create();
    t.sandbox.requests.clear();
    const updated = await t.call('work_session_update', { ...ws, session_id: session.id, scopes: ['command', 'sudo'], title: 'Nginx' });
    expect(updated.data).toMatchObject({ scopes: ['command', 'sudo'], title: 'Nginx' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'PATCH', path: `/api/work-sessions/sessions/${session.id}/`, body: { title: 'Nginx', scopes: ['command', 'sudo'] },
    })]);
    await noRequestFor('work_session_update', { session_id: session.id });
    expect((await t.call('work_session_update', { ...ws, session_id: UNKNOWN_ID, title: 'x' })).error?.code).toBe('not_found');
  });

  it('work_session_extend needs a live session and a later expiry', async () => {
    const session = await create();
    const pending = await t.call('work_session_extend', { ...ws, session_id: session.id, expires_at: inDays(2) });
    expect(pending.error?.code).toBe('work_session_required');
    await api('POST', `/api/work-sessions/sessions/${session.id}/approve/`, {});
    const later = inDays(3);
    t.sandbox.requests.clear();
    const extended = await t.call('work_session_extend', { ...ws, session_id: session.id, expires_at: later });
    expect(extended.error).toBeUndefined();
    expect((extended.data as Session).expires_at).toBe(later);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: `/api/work-sessions/sessions/${session.id}/extend/`, body: { expires_at: later },
    })]);
    await noRequestFor('work_session_extend', { session_id: session.id, expires_at: 'soon' });
    expect((await t.call('work_session_extend', { ...ws, session_id: UNKNOWN_ID, expires_at: later })).error?.code).toBe('not_found');
  });

  it('work_session_timeline lists the commands that carried the session; close completes it', async () => {
    const session = await create();
    await api('POST', `/api/work-sessions/sessions/${session.id}/approve/`, {});
    await api('POST', '/api/events/commands/', { shell: 'system', line: 'uptime', server: serverId, work_session: session.id });
    t.sandbox.requests.clear();
    const timeline = await t.call('work_session_timeline', { ...ws, session_id: session.id, include_records: false });
    const page = timeline.data as { count: number; results: { type: string; line: string }[] };
    expect(page.results).toEqual([expect.objectContaining({ type: 'command', line: 'uptime' })]);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: `/api/work-sessions/sessions/${session.id}/timeline/`, query: { include_records: 'false', page: '1', page_size: '20' },
    })]);
    expect((await t.call('work_session_timeline', { ...ws, session_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('work_session_timeline', { session_id: session.id, page_size: 0 });

    t.sandbox.requests.clear();
    const closed = await t.call('work_session_close', { ...ws, session_id: session.id });
    expect(closed.data).toMatchObject({ id: session.id, status: 'completed' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path: `/api/work-sessions/sessions/${session.id}/complete/` })]);
    expect((await t.call('work_session_close', { ...ws, session_id: session.id })).error?.code).toBe('work_session_required');
    expect((await t.call('work_session_close', { ...ws, session_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('work_session_close', { session_id: '' });
  });

  it('annotations', async () => {
    const tools = (await t.client.listTools()).tools;
    const hints = Object.fromEntries(tools.map((tool) => [tool.name, [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint, tool.annotations?.idempotentHint]]));
    expect(hints).toEqual({
      work_session_create: [false, false, false], work_session_get: [true, false, true], work_session_list: [true, false, true],
      work_session_update: [false, true, true], work_session_extend: [false, true, true], work_session_close: [false, true, false],
      work_session_timeline: [true, false, true], work_session_analyze: [false, true, true],
    });
  });
});

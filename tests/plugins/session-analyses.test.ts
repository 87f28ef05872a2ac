import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

// Routes under test: sandbox/routes/ext-session-analyses.ts, written to the Python server's tools/audit_tools.py
// (list_session_analyses, get_session_analysis_detail) and tools/work_session_tools.py (work_session_analyze), the only source.
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

interface Analysis {
  id: string;
  status: string;
  risk_score: string | null;
  mitre_attack?: unknown[];
}

describe('session analyses (audit) and work_session_analyze (work-sessions)', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['audit', 'work-sessions'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });
  const list = async (args: Record<string, unknown> = {}) => (await t.call('list_session_analyses', { ...ws, ...args })).data as { count: number; results: Analysis[] };

  it('list_session_analyses filters by server, status and risk score; the detail has the full analysis', async () => {
    const server = t.sandbox.world.servers.all()[1].id;
    t.sandbox.requests.clear();
    const risky = await list({ server_id: server, status: 'completed', risk_score: 'high', page_size: 10 });
    expect(risky.results.map((a) => a.risk_score)).toEqual(['high']);
    expect(risky.results[0].mitre_attack).toBeUndefined();
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/history/session-analyses/', query: { server, status: 'completed', risk_score: 'high', page: '1', page_size: '10' },
    })]);
    expect((await list({ status: 'failed' })).count).toBe(1);
    expect((await list()).count).toBe(3);

    t.sandbox.requests.clear();
    const detail = await t.call('get_session_analysis_detail', { ...ws, analysis_id: risky.results[0].id });
    expect(detail.data).toMatchObject({ id: risky.results[0].id, mitre_attack: expect.arrayContaining([expect.objectContaining({ technique: 'T1048' })]) });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: `/api/history/session-analyses/${risky.results[0].id}/` })]);
    expect((await t.call('get_session_analysis_detail', { ...ws, analysis_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    // django-filter's 400 "Select a valid choice" on an unknown server: the client maps it to not_found.
    expect((await t.call('list_session_analyses', { ...ws, server_id: UNKNOWN_ID })).error?.code).toBe('not_found');

    await noRequestFor('list_session_analyses', { risk_score: 'severe' });
    await noRequestFor('list_session_analyses', { status: 'done' });
    await noRequestFor('get_session_analysis_detail', { analysis_id: '../x' });
  });

  it('work_session_analyze: only a finished session; a second call answers already_exists; force is sent as ?force=true', async () => {
    const server = t.sandbox.world.servers.all()[0].id;
    const session = (await t.call('work_session_create', { ...ws, description: 'Rotate logs', scopes: ['command'], servers: [server], expires_at: inDays(1) })).data as { id: string };
    const early = await t.call('work_session_analyze', { ...ws, session_id: session.id });
    expect(early.ok).toBe(false);
    expect(early.error?.status).toBe(400);

    const api = (path: string) => fetch(`${t.sandbox.url}${path}`, { method: 'POST', headers: { authorization: `token="${t.sandbox.token}"` } });
    await api(`/api/work-sessions/sessions/${session.id}/approve/`);
    await t.call('work_session_close', { ...ws, session_id: session.id });

    t.sandbox.requests.clear();
    const started = await t.call('work_session_analyze', { ...ws, session_id: session.id });
    expect(started.data).toMatchObject({ status: 'queued', analysis_id: expect.any(String) });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path: `/api/work-sessions/sessions/${session.id}/analyze/`, query: {}, body: {} })]);
    const analysisId = (started.data as { analysis_id: string }).analysis_id;
    expect(((await t.call('get_session_analysis_detail', { ...ws, analysis_id: analysisId })).data as Analysis).status).toBe('completed');

    t.sandbox.requests.clear();
    const again = await t.call('work_session_analyze', { ...ws, session_id: session.id, force: true });
    expect(again.data).toMatchObject({ status: 'already_exists', analysis_id: analysisId });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ query: { force: 'true' } })]);

    expect((await t.call('work_session_analyze', { ...ws, session_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('work_session_analyze', { session_id: 'last' });
    await noRequestFor('work_session_analyze', { session_id: session.id, force: 'yes' });
  });

  it('annotations and honest descriptions', async () => {
    const tools = (await t.client.listTools()).tools;
    const pick = (name: string) => tools.find((tool) => tool.name === name)!;
    expect(pick('list_session_analyses').annotations).toMatchObject({ readOnlyHint: true });
    expect(pick('get_session_analysis_detail').annotations).toMatchObject({ readOnlyHint: true });
    expect(pick('work_session_analyze').annotations).toMatchObject({ readOnlyHint: false, idempotentHint: true });
    for (const name of ['list_session_analyses', 'get_session_analysis_detail', 'work_session_analyze']) expect(pick(name).description).toMatch(/unconfirmed/);
  });
});

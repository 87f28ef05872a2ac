import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { connect, connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

// health_check: the Python server's tools/health_tools.py + utils/health.py (version, uptime, token summary), plus a
// GET /api/status/ per configured workspace (what alpacon-cli's login validates a token with: api/auth/auth.go).
const BAD_TOKEN = 'canary-bad-token-77e1c0';

interface Health {
  status: string;
  version: string;
  uptime_seconds: number;
  auth: { tokens_configured: number; regions_configured: number };
  workspaces: { region: string; workspace: string; reachable: boolean; authenticated: boolean; status: string }[];
}

describe('health_check (workspace plugin, default set)', () => {
  let t: SandboxedConnection;
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { http: { retries: 0 } }, env: { [tokenEnvName('us1', 'stale')]: BAD_TOKEN } });
  });
  afterAll(async () => {
    t.sandbox.faults.clear();
    await t.close();
  });

  it('checks every configured workspace: a good token is ok, a refused one is reported, the token never shown', async () => {
    t.sandbox.requests.clear();
    const result = await t.call('health_check');
    const health = result.data as Health;
    expect(result.ok).toBe(true);
    expect(health).toMatchObject({ status: 'degraded', version: expect.any(String), auth: { tokens_configured: 2, regions_configured: 2 } });
    expect(health.uptime_seconds).toBeGreaterThanOrEqual(0);
    expect(health.workspaces).toEqual(expect.arrayContaining([
      { region: t.sandbox.region, workspace: t.sandbox.workspace, reachable: true, authenticated: true, status: 'ok' },
      expect.objectContaining({ region: 'us1', workspace: 'stale', reachable: true, authenticated: false, status: 'unauthorized' }),
    ]));
    expect(t.sandbox.requests.all().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/status/', 'GET /api/status/']);
    expect(JSON.stringify(result.raw) + t.logs.join('\n')).not.toContain(BAD_TOKEN);
    expect(JSON.stringify(result.raw)).not.toContain(t.sandbox.token);
  });

  it('narrows to one region; an unreachable workspace is reported as not reachable', async () => {
    const only = (await t.call('health_check', { region: t.sandbox.region })).data as Health;
    expect(only.workspaces.map((w) => w.workspace)).toEqual([t.sandbox.workspace]);
    expect(only.status).toBe('ok');
    t.sandbox.faults.add({ kind: 'reset', pathPrefix: '/api/status/', count: 1 });
    const down = (await t.call('health_check', { region: t.sandbox.region })).data as Health;
    expect(down.status).toBe('degraded');
    expect(down.workspaces[0]).toMatchObject({ reachable: false, authenticated: false, status: 'network_error' });
    expect(((await t.call('health_check', { region: 'eu1' })).data as Health).status).toBe('no_workspaces');
    t.sandbox.requests.clear();
    expect((await t.call('health_check', { region: 'mars' })).error?.code).toBe('invalid_input');
    expect((await t.call('health_check', { workspace: t.sandbox.workspace })).error?.code).toBe('invalid_input');
    expect(t.sandbox.requests.all()).toEqual([]);
  });

  it('with no token configured it says so and sends nothing; it is read-only, always loaded and in the default set', async () => {
    const c = await connect({ env: {} });
    try {
      const result = await c.call('health_check');
      expect(result.data).toMatchObject({ status: 'no_workspaces', workspaces: [], auth: { tokens_configured: 0 } });
      const tool = (await c.client.listTools()).tools.find((x) => x.name === 'health_check');
      expect(tool?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(c.app.registry.get('health_check')?.outputSchema).toBeDefined();
      expect(Object.values(tool?._meta ?? {})).toContain(true);
    } finally {
      await c.close();
    }
  });
});

import { afterEach, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

/** Parallel execute_command calls on one server: the pool grows to the configured bound, then reuses and closes. */
describe('websh pool under overlapping calls', () => {
  let t: SandboxedConnection | undefined;
  afterEach(async () => t?.close());

  const connect = async (websh: Record<string, unknown>) => {
    t = await connectToSandbox({ rc: { plugins: ['websh'], websh }, sandbox: { servers: 2 } });
    return { t, server: t.sandbox.world.servers.all().find((s) => s.is_connected)!.id };
  };
  const sessionsCreated = (c: SandboxedConnection) => c.sandbox.requests.filter({ method: 'POST', path: '/api/websh/sessions/' }).length;
  const closed = (c: SandboxedConnection) => c.sandbox.requests.filter({ method: 'POST', path: /^\/api\/websh\/sessions\/[^/]+\/close\/$/ }).length;
  const exec = (c: SandboxedConnection, server: string, command: string) => c.call('execute_command', { server_id: server, command });
  const sessionOf = (outcome: { data: unknown }) => (outcome.data as { session_id: string }).session_id;

  it('opens one connection per overlapping call up to the bound, then reuses them for later calls', async () => {
    const { t: c, server } = await connect({ maxConnectionsPerServer: 4 });
    const parallel = await Promise.all([1, 2, 3].map((i) => exec(c, server, `sleep 0.3; echo ${i}`)));
    expect(parallel.map((r) => r.ok)).toEqual([true, true, true]);
    expect(parallel.map((r) => (r.data as { output: string }).output)).toEqual(['1\n', '2\n', '3\n']);
    expect(new Set(parallel.map(sessionOf)).size).toBe(3);
    expect(sessionsCreated(c)).toBe(3);

    const later = [];
    for (let i = 0; i < 4; i += 1) later.push(await exec(c, server, `echo again ${i}`));
    expect(later.every((r) => r.ok)).toBe(true);
    expect(sessionsCreated(c)).toBe(3);
    // Sequential calls stay on one connection, so shell state carries over between them.
    expect(new Set(later.map(sessionOf)).size).toBe(1);
  });

  it('never opens more than maxConnectionsPerServer; further calls wait for a free connection', async () => {
    const { t: c, server } = await connect({ maxConnectionsPerServer: 2 });
    const parallel = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => exec(c, server, `sleep 0.2; echo ${i}`)));
    expect(parallel.every((r) => r.ok)).toBe(true);
    expect(parallel.map((r) => (r.data as { output: string }).output)).toEqual(['1\n', '2\n', '3\n', '4\n', '5\n', '6\n']);
    expect(sessionsCreated(c)).toBe(2);
    expect(new Set(parallel.map(sessionOf)).size).toBe(2);
  });

  it('closes each connection after it idles', async () => {
    const { t: c, server } = await connect({ maxConnectionsPerServer: 3, idleTimeoutSeconds: 0.3 });
    await Promise.all([1, 2].map((i) => exec(c, server, `sleep 0.2; echo ${i}`)));
    expect(sessionsCreated(c)).toBe(2);
    for (let waited = 0; closed(c) < 2 && waited < 100; waited += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed(c)).toBe(2);
    expect((await exec(c, server, 'echo fresh')).ok).toBe(true);
    expect(sessionsCreated(c)).toBe(3);
  });

  it('refuses a bound outside 1..32 at start-up', async () => {
    for (const bound of [0, 33, 2.5]) {
      await expect(connectToSandbox({ rc: { plugins: ['websh'], websh: { maxConnectionsPerServer: bound } } })).rejects.toMatchObject({
        code: 'config_invalid',
      });
    }
  });
});

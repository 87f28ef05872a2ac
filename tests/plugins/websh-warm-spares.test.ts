import { afterEach, describe, expect, it } from '@jest/globals';
import { UNKNOWN_ID } from '../helpers/ids.js';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

/**
 * websh.warmSpares: after a call the pool keeps that many more idle connections of the key open, so the next overlapping
 * calls find them ready instead of each opening a session. Counted in sessions, never timed.
 *
 * What is counted follows alpacon-cli api/websh/websh.go: a session is created with POST /api/websh/sessions/
 * (CreateWebshSession), its single-use websocket_url dialled (dial), and closed with POST /api/websh/sessions/{id}/close/
 * (CloseSession). The sandbox's wsHandshakeMs holds that dial (sandbox/latency.ts).
 */
describe('websh pool warm spares', () => {
  let t: SandboxedConnection | undefined;
  afterEach(async () => t?.close());

  const connect = async (websh: Record<string, unknown>) => {
    t = await connectToSandbox({ rc: { plugins: ['websh'], websh }, sandbox: { servers: 2 } });
    return { c: t, server: t.sandbox.world.servers.all().find((s) => s.is_connected)!.id };
  };
  const created = (c: SandboxedConnection) => c.sandbox.requests.filter({ method: 'POST', path: '/api/websh/sessions/' }).length;
  const closed = (c: SandboxedConnection) => c.sandbox.requests.filter({ method: 'POST', path: /^\/api\/websh\/sessions\/[^/]+\/close\/$/ }).length;
  const exec = (c: SandboxedConnection, server: string, command: string) => c.call('execute_command', { server_id: server, command });
  const sessionOf = (outcome: { data: unknown }) => (outcome.data as { session_id: string }).session_id;
  /** Waits (polling, bounded) until the condition holds; the spares open in the background after a call returns. */
  const until = async (condition: () => boolean) => {
    for (let waited = 0; !condition() && waited < 100; waited += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    return condition();
  };
  /** Live Websh sessions of the sandbox (opened and not closed). */
  const open = (c: SandboxedConnection) => created(c) - closed(c);

  it('keeps the configured number of spares besides the used connection, and overlapping calls take them', async () => {
    const { c, server } = await connect({ warmSpares: 2 });
    const first = await exec(c, server, 'echo first');
    expect(first.ok).toBe(true);
    expect(await until(() => created(c) === 3)).toBe(true);
    expect(open(c)).toBe(3);

    const parallel = await Promise.all([1, 2, 3].map((i) => exec(c, server, `sleep 0.2; echo ${i}`)));
    expect(parallel.map((r) => (r.data as { output: string }).output)).toEqual(['1\n', '2\n', '3\n']);
    // All three ran on connections that were already open: no session was opened for them, and none after them
    // (three idle connections are more than one plus two spares).
    expect(new Set(parallel.map(sessionOf)).size).toBe(3);
    expect(parallel.map(sessionOf)).toContain(sessionOf(first));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(created(c)).toBe(3);
  });

  it('a call waits for a spare whose dial is under way instead of opening another session', async () => {
    // The WebSocket handshake is held 400 ms, so the two spares are still dialling when the next three calls arrive.
    t = await connectToSandbox({ rc: { plugins: ['websh'], websh: { warmSpares: 2 } }, sandbox: { servers: 2, latency: { restMs: 0, wsHandshakeMs: 400, terminalReadyMs: 0 } } });
    const c = t;
    const server = c.sandbox.world.servers.all().find((s) => s.is_connected)!.id;
    const first = await exec(c, server, 'echo first');
    expect(first.ok).toBe(true);
    expect(await until(() => created(c) === 3)).toBe(true);
    const parallel = await Promise.all([1, 2, 3].map((i) => exec(c, server, `echo ${i}`)));
    expect(parallel.map((r) => (r.data as { output: string }).output)).toEqual(['1\n', '2\n', '3\n']);
    // Each ran on the used connection or a spare, whichever was free first; none opened a session of its own.
    expect(created(c)).toBe(3);
  });

  it('never goes beyond maxConnectionsPerServer, spares included', async () => {
    const { c, server } = await connect({ warmSpares: 4, maxConnectionsPerServer: 2 });
    expect((await exec(c, server, 'echo one')).ok).toBe(true);
    expect(await until(() => created(c) === 2)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(created(c)).toBe(2);
    const parallel = await Promise.all([1, 2, 3].map((i) => exec(c, server, `echo ${i}`)));
    expect(parallel.every((r) => r.ok)).toBe(true);
    expect(created(c)).toBe(2);
  });

  it('closes spares when they idle, and opens none again until the next call', async () => {
    const { c, server } = await connect({ warmSpares: 1, idleTimeoutSeconds: 0.3 });
    expect((await exec(c, server, 'echo one')).ok).toBe(true);
    expect(await until(() => created(c) === 2)).toBe(true);
    expect(await until(() => closed(c) === 2)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(created(c)).toBe(2);
    expect(open(c)).toBe(0);
  });

  it('opens no spare by default', async () => {
    const { c, server } = await connect({});
    expect((await exec(c, server, 'echo one')).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(created(c)).toBe(1);
  });

  it('opens no spare for a call whose session could not be opened', async () => {
    const { c } = await connect({ warmSpares: 2 });
    const refused = await exec(c, UNKNOWN_ID, 'echo one');
    expect(refused.ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(created(c)).toBe(1);
  });

  it('refuses a negative or fractional number of spares at start-up', async () => {
    for (const spares of [-1, 1.5, 32]) {
      await expect(connectToSandbox({ rc: { plugins: ['websh'], websh: { warmSpares: spares } } })).rejects.toMatchObject({ code: 'config_invalid' });
    }
  });
});

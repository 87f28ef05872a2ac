import { describe, expect, it } from '@jest/globals';
import { createApp } from '../../core/app/create-app.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { createLogger } from '../../core/logger.js';
import { startHttpServer, HTTP_DEFAULTS } from '../../core/transports/http/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { probeBuiltins } from '../fixtures/probe-plugin.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toOutcome } from '../helpers/in-process.js';
import { connectModernHttp, connectModernStdio, rawModernCall, type RawReply } from '../helpers/modern-client.js';
import { tempProject } from '../helpers/temp-project.js';
import { cleanupsAfterEach } from '../helpers/cleanups.js';

/**
 * Confirmation of destructive calls for 2026-07-28 clients: a multi round-trip request whose state is signed and bound to
 * the tool, the canonical arguments, the caller and a short expiry, and accepted once. (2025-era elicitation: safety.test.ts.)
 */
const cleanups = cleanupsAfterEach();

const ELICIT = { elicitation: { form: {} } };
const ACCEPT = { confirm: { action: 'accept', content: { confirm: true } } };

async function setup(stateless = true): Promise<{ url: string; sandbox: Sandbox; serverId: string; clock: { ms: number }; commands: () => number }> {
  const sandbox = await startSandbox({ commandStepMs: 5 });
  cleanups.push(() => sandbox.stop());
  const clock = { ms: Date.now() };
  const app = await createApp({
    builtins: probeBuiltins,
    defaultPlugins: ['probe'],
    cwd: await tempProject({ rc: { confirmDestructive: true } }),
    env: { [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
    overrides: { baseUrl: sandbox.url, defaultWorkspace: sandbox.workspace },
    logger: createLogger({ level: 'silent' }),
    now: () => clock.ms,
  });
  const running = await startHttpServer(app, { ...HTTP_DEFAULTS, port: 0, stateless });
  cleanups.push(() => running.close());
  const serverId = sandbox.world.servers.all()[0].id;
  sandbox.requests.clear();
  const commands = () => sandbox.requests.all().filter((r) => r.method === 'POST' && r.path === '/api/events/commands/').length;
  return { url: `${running.url}/mcp`, sandbox, serverId, clock, commands };
}

const errorCode = (reply: RawReply) => (reply.body.result?.structuredContent as { error?: { code: string } } | undefined)?.error?.code;

describe('confirmation of destructive calls, 2026-07-28 clients', () => {
  it('asks through input_required and runs on accept (SDK v2 client fulfils and retries)', async () => {
    const { url, serverId, commands } = await setup();
    const asked: string[] = [];
    const client = await connectModernHttp(url, { onElicit: (message) => (asked.push(message), { action: 'accept', content: { confirm: true } }) });
    cleanups.push(() => client.close());
    const result = await client.call('probe_run', { server_id: serverId, command: 'uptime' });
    expect(result.ok).toBe(true);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('probe_run');
    expect(asked[0]).toContain('uptime');
    expect(commands()).toBe(1);
    expect((await client.call('probe_read')).ok).toBe(true);
    expect(asked).toHaveLength(1);
  });

  it.each(['decline', 'cancel'] as const)('refuses on %s and sends nothing', async (action) => {
    const { url, serverId, commands } = await setup();
    const client = await connectModernHttp(url, { onElicit: () => ({ action }) });
    cleanups.push(() => client.close());
    const result = await client.call('probe_run', { server_id: serverId, command: 'uptime' });
    expect(result.error?.code).toBe('confirmation_declined');
    expect(commands()).toBe(0);
  });

  it('refuses with MissingRequiredClientCapability (-32021, HTTP 400) when the client declares no elicitation', async () => {
    const { url, serverId, commands } = await setup();
    const client = await connectModernHttp(url);
    cleanups.push(() => client.close());
    await expect(client.call('probe_run', { server_id: serverId, command: 'uptime' })).rejects.toMatchObject({ code: -32021 });
    const raw = await rawModernCall(url, { id: 1, name: 'probe_run', arguments: { server_id: serverId, command: 'uptime' } });
    expect(raw.status).toBe(400);
    expect(raw.body.error).toMatchObject({ code: -32021, data: { requiredCapabilities: { elicitation: expect.any(Object) } } });
    expect(commands()).toBe(0);
  });

  it('the first round carries the question and signed state; the answer without that state is not an approval', async () => {
    const { url, serverId, commands } = await setup();
    const args = { server_id: serverId, command: 'uptime' };
    const first = await rawModernCall(url, { id: 1, name: 'probe_run', arguments: args }, { capabilities: ELICIT });
    expect(first.body.result).toMatchObject({ resultType: 'input_required', inputRequests: { confirm: { method: 'elicitation/create' } } });
    expect(first.body.result?.requestState).toEqual(expect.stringMatching(/^[\w-]+\.[\w-]+$/));
    // Answering without the state just asks again (fresh state); nothing runs.
    const unasked = await rawModernCall(url, { id: 2, name: 'probe_run', arguments: args, inputResponses: ACCEPT }, { capabilities: ELICIT });
    expect(unasked.body.result).toMatchObject({ resultType: 'input_required' });
    expect(commands()).toBe(0);
  });

  it('refuses forged, tampered and re-bound state with confirmation_invalid, and sends nothing', async () => {
    const { url, serverId, commands } = await setup();
    const args = { server_id: serverId, command: 'uptime' };
    const first = await rawModernCall(url, { id: 1, name: 'probe_run', arguments: args }, { capabilities: ELICIT, headers: { authorization: 'Bearer alice' } });
    const state = String(first.body.result?.requestState);
    const [payload, signature] = state.split('.');
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const extended = Buffer.from(JSON.stringify({ ...decoded, exp: Number(decoded.exp) + 3_600_000 })).toString('base64url');
    const attempts: { requestState: string; arguments?: Record<string, unknown>; headers?: Record<string, string> }[] = [
      { requestState: 'forged.state' },
      { requestState: `${extended}.${signature}` },
      { requestState: `${payload}.${signature.slice(0, -2)}AA` },
      { requestState: state, arguments: { ...args, command: 'reboot' } },
      { requestState: state, headers: { authorization: 'Bearer mallory' } },
    ];
    for (const [i, attempt] of attempts.entries()) {
      const reply = await rawModernCall(
        url,
        { id: 10 + i, name: 'probe_run', arguments: attempt.arguments ?? args, requestState: attempt.requestState, inputResponses: ACCEPT },
        { capabilities: ELICIT, headers: attempt.headers ?? { authorization: 'Bearer alice' } },
      );
      expect({ i, code: errorCode(reply) }).toEqual({ i, code: 'confirmation_invalid' });
    }
    expect(commands()).toBe(0);
    // The genuine state still works once for its own call and caller (argument order does not matter: canonical form).
    const genuine = await rawModernCall(
      url,
      { id: 20, name: 'probe_run', arguments: { command: 'uptime', server_id: serverId }, requestState: state, inputResponses: ACCEPT },
      { capabilities: ELICIT, headers: { authorization: 'Bearer alice' } },
    );
    expect(genuine.body.result).toMatchObject({ structuredContent: { ok: true } });
    expect(commands()).toBe(1);
  });

  it('refuses a replayed approval with confirmation_replayed: the command runs once', async () => {
    const { url, serverId, commands } = await setup();
    const args = { server_id: serverId, command: 'uptime' };
    const first = await rawModernCall(url, { id: 1, name: 'probe_run', arguments: args }, { capabilities: ELICIT });
    const retry = { id: 2, name: 'probe_run', arguments: args, requestState: String(first.body.result?.requestState), inputResponses: ACCEPT };
    expect((await rawModernCall(url, retry, { capabilities: ELICIT })).body.result).toMatchObject({ structuredContent: { ok: true } });
    const replayed = await rawModernCall(url, { ...retry, id: 3 }, { capabilities: ELICIT });
    expect(errorCode(replayed)).toBe('confirmation_replayed');
    expect(commands()).toBe(1);
  });

  it('refuses an approval that comes back after the expiry with confirmation_expired', async () => {
    const { url, serverId, clock, commands } = await setup();
    const args = { server_id: serverId, command: 'uptime' };
    const first = await rawModernCall(url, { id: 1, name: 'probe_run', arguments: args }, { capabilities: ELICIT });
    clock.ms += 6 * 60_000;
    const late = await rawModernCall(url, { id: 2, name: 'probe_run', arguments: args, requestState: String(first.body.result?.requestState), inputResponses: ACCEPT }, { capabilities: ELICIT });
    expect(errorCode(late)).toBe('confirmation_expired');
    expect(commands()).toBe(0);
  });
});

describe('confirmation of destructive calls on the other paths', () => {
  it('2025 era over Streamable HTTP sessions: the elicitation rides the call and the command runs once on accept', async () => {
    const { url, serverId, commands } = await setup(false);
    const client = new Client({ name: 'legacy-elicit', version: '0' }, { capabilities: { elicitation: {} } });
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (request) => (asked.push(String(request.params.message)), { action: 'accept', content: { confirm: true } }));
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    cleanups.push(() => client.close());
    const result = toOutcome((await client.callTool({ name: 'probe_run', arguments: { server_id: serverId, command: 'uptime' } })) as CallToolResult);
    expect(result.ok).toBe(true);
    expect(asked).toHaveLength(1);
    expect(commands()).toBe(1);
  });

  it('2026-07-28 over stdio: the real binary asks through input_required and runs on accept, refuses on decline', async () => {
    const sandbox = await startSandbox({ workspace: 'acme', token: 'confirm-acme-token-123', commandStepMs: 5 });
    cleanups.push(() => sandbox.stop());
    const cwd = await tempProject({ rc: { plugins: ['command'], defaultWorkspace: 'acme', confirmDestructive: true } });
    const env = { ALPACON_MCP_BASE_URL: sandbox.url, ALPACON_MCP_AP1_ACME_TOKEN: sandbox.token };
    const serverId = (sandbox.world.servers.all().find((s) => s.is_connected) ?? sandbox.world.servers.all()[0]).id;
    let answer: 'accept' | 'decline' = 'accept';
    const asked: string[] = [];
    const client = await connectModernStdio({ cwd, env }, { onElicit: (message) => (asked.push(message), { action: answer, ...(answer === 'accept' ? { content: { confirm: true } } : {}) }) });
    cleanups.push(() => client.close());
    const accepted = await client.call('execute_command_sync', { server_id: serverId, command: 'uptime' });
    expect(accepted.error).toBeUndefined();
    expect(asked[0]).toContain('execute_command_sync');
    answer = 'decline';
    const declined = await client.call('execute_command_sync', { server_id: serverId, command: 'uptime' });
    expect(declined.error?.code).toBe('confirmation_declined');
    expect(asked).toHaveLength(2);
  });
});

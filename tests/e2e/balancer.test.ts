import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { imageCommand } from '../helpers/dockerfile.js';
import { freePort } from '../helpers/free-port.js';
import { fetchWithHost } from '../helpers/host-fetch.js';
import { haproxyBinary, startHaproxy, type RunningHaproxy } from '../helpers/haproxy.js';
import { connectHttpClient } from '../helpers/http-client.js';
import { connectModernHttp } from '../helpers/modern-client.js';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process.js';
import { tempProject } from '../helpers/temp-project.js';

// Scale-out on a real balancer: three stateless `serve --http` replicas (the container's command line plus --stateless, as
// in deploy/kubernetes) behind HAProxy in round-robin, 50 clients of both protocol eras, one replica killed (SIGKILL) in the middle and started
// again. Each replica holds its own API tokens for two workspaces, so the sandbox's request log tells which replica sent a
// command and for which workspace. Loopback only; every loop is bounded; no time is asserted.

const REPLICAS = 3;
const CLIENTS = 50;
/** Each client calls until told to stop; this caps it (bounded even if the controller never says stop). */
const MAX_CALLS_PER_CLIENT = 30;
/** Calls completed before the kill, between kill and restart, and after the restarted replica is healthy. */
const PHASE_CALLS = 80;
const WORKSPACES = ['alpha', 'beta'] as const;
const SERVER_TOKEN = 'balancer-test-server-token';
const COMMANDS = '/api/events/commands/';

interface Replica {
  name: string;
  port: number;
  env: Record<string, string>;
  process?: ServeProcess;
}

interface CallRecord {
  callId: string;
  era: '2025' | '2026';
  workspace: string;
  ok: boolean;
  /** The promise rejected: the HTTP exchange itself failed (not a tool error). */
  transportError: boolean;
  error?: string;
  output?: string;
  answeredWorkspace?: string;
}

const binary = haproxyBinary();

describe('stateless replicas behind HAProxy', () => {
  let sandbox: Sandbox;
  let cwd: string;
  let haproxy: RunningHaproxy | undefined;
  const replicas: Replica[] = [];
  const tokenOwner = new Map<string, { replica: string; workspace: string }>();

  beforeAll(async () => {
    if (!binary) throw new Error('haproxy is not installed: apt-get install -y haproxy (.ci/run does it)');
    sandbox = await startSandbox({ commandStepMs: 40 });
    const frontPort = await freePort();
    cwd = await tempProject({ rc: { plugins: ['command'], server: { allowedHosts: [`127.0.0.1:${frontPort}`], rateLimitPerMinute: 0 } } });
    for (let i = 0; i < REPLICAS; i += 1) {
      const name = `r${i}`;
      const env: Record<string, string> = {
        ALPACON_MCP_HOST: '127.0.0.1',
        ALPACON_MCP_PORT: String(await freePort()),
        ALPACON_MCP_BASE_URL: sandbox.url,
        ALPACON_MCP_SERVER_TOKEN: SERVER_TOKEN,
      };
      for (const workspace of WORKSPACES) {
        const token = sandbox.addToken({ name: `${name}-${workspace}` });
        tokenOwner.set(token.id, { replica: name, workspace });
        env[tokenEnvName('ap1', workspace)] = token.key;
      }
      replicas.push({ name, port: Number(env.ALPACON_MCP_PORT), env });
    }
    await Promise.all(replicas.map((replica) => start(replica)));
    haproxy = await startHaproxy({ binary, dir: cwd, frontPort, servers: replicas.map((r) => ({ name: r.name, port: r.port })) });
    frontHost = `127.0.0.1:${frontPort}`;
    frontUrl = `http://${frontHost}/mcp`;
  }, 60_000);

  afterAll(async () => {
    await haproxy?.stop();
    await Promise.all(replicas.map((r) => stop(r)));
    await sandbox?.stop();
  });

  let frontUrl = '';
  let frontHost = '';

  function start(replica: Replica): Promise<string> {
    const { cmd } = imageCommand();
    replica.process = startServeProcess([...cmd, '--stateless'], replica.env, cwd);
    return replica.process.url;
  }

  async function stop(replica: Replica): Promise<void> {
    const child = replica.process?.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await replica.process?.exit;
  }

  async function healthy(replica: Replica): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const ok = await fetchWithHost(frontHost)(`http://127.0.0.1:${replica.port}/healthz`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${replica.name} did not come back`);
  }

  it('kills one replica mid-run: survivors answer every call, in-flight calls fail once and never run twice, no workspace mix-up', async () => {
    const serverId = sandbox.world.servers.all().find((s) => s.is_connected)!.id;
    const records: CallRecord[] = [];
    let completed = 0;
    let stopRequested = false;

    const runClient = async (index: number): Promise<void> => {
      let current = '';
      let currentAbort: AbortController | undefined;
      const tagged: typeof fetch = async (input, init = {}) => {
        // Only the tools/call request carries the id, so HAProxy's line for it says where the call itself went.
        const isCall = typeof init.body === 'string' && init.body.includes('"method":"tools/call"');
        const headers = new Headers(init.headers);
        if (isCall) headers.set('x-call-id', current);
        const response = await fetch(input, { ...init, headers });
        if (!isCall || !response.body) return response;
        // A 2025-era SDK client does not fail a call whose answer stream breaks or ends without the answer (it waits for its
        // request timeout); a careful client does, so either aborts the call at once: the transport error counted here.
        const abort = currentAbort;
        const decoder = new TextDecoder();
        let seen = '';
        const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            seen += decoder.decode(chunk, { stream: true });
            controller.enqueue(chunk);
          },
          flush() {
            if (!/"(result|error)"\s*:/.test(seen)) abort?.abort(new Error('answer stream ended without an answer'));
          },
        });
        response.body.pipeTo(writable).catch((error: unknown) => abort?.abort(new Error(`answer stream broken: ${String(error)}`)));
        return new Response(readable, { status: response.status, statusText: response.statusText, headers: response.headers });
      };
      // Even clients speak 2025-11-25 (initialize first), odd ones 2026-07-28 (no handshake, per-request _meta).
      const connectOnce = () => {
        const options = { headers: { Authorization: `Bearer ${SERVER_TOKEN}` }, fetch: tagged };
        return index % 2 === 0 ? connectHttpClient(frontUrl, options) : connectModernHttp(frontUrl, options);
      };
      let client: Awaited<ReturnType<typeof connectOnce>> | undefined;
      // Connecting has no effect on Alpacon, so a connection that met the dying replica is simply made again (bounded).
      for (let attempt = 0; attempt < 5 && !client; attempt += 1) client = await connectOnce().catch(() => undefined);
      if (!client) throw new Error(`client ${index} could not connect`);
      for (let n = 0; n < MAX_CALLS_PER_CLIENT && !stopRequested; n += 1) {
        const callId = `c${index}-${n}`;
        const workspace = WORKSPACES[(index + n) % WORKSPACES.length];
        current = callId;
        currentAbort = new AbortController();
        const record: CallRecord = { callId, era: index % 2 === 0 ? '2025' : '2026', workspace, ok: false, transportError: false };
        try {
          const result = await client.call('execute_command_sync', { workspace, server_id: serverId, command: `echo ${callId}` }, { signal: currentAbort.signal });
          const data = result.data as { output?: string } | undefined;
          record.ok = result.ok;
          record.output = data?.output;
          record.answeredWorkspace = (result.raw.structuredContent as { workspace?: string } | undefined)?.workspace;
        } catch (error) {
          record.transportError = true;
          record.error = error instanceof Error ? error.message.slice(0, 120) : String(error);
        }
        records.push(record);
        completed += 1;
      }
      await client.close();
    };

    const waitForCompleted = async (count: number) => {
      for (let attempt = 0; attempt < 600 && completed < count; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    };

    const phases: string[] = [];
    const began = Date.now();
    const mark = (what: string) => phases.push(`${what} +${Date.now() - began}ms at ${completed}`);
    const victim = replicas[1];
    const clients = Promise.all(Array.from({ length: CLIENTS }, (_, i) => runClient(i)));
    await waitForCompleted(PHASE_CALLS);
    mark('kill');
    victim.process!.child.kill('SIGKILL');
    await victim.process!.exit;
    await waitForCompleted(2 * PHASE_CALLS);
    mark('restart');
    await start(victim);
    await healthy(victim);
    const restartedAt = Date.now();
    mark('healthy');
    await waitForCompleted(completed + PHASE_CALLS);
    stopRequested = true;
    await clients;
    mark('done');
    // HAProxy logs a request when its exchange ends, which can be just after the client read the answer (bounded wait).
    for (let attempt = 0; attempt < 50 && haproxy!.calls().length < records.length; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));

    // Attribution: HAProxy's log says which replica each call was sent to; the sandbox says who submitted what.
    const routed = new Map(haproxy!.calls().map((line) => [line.callId, line]));
    const submits = sandbox.requests.filter({ method: 'POST', path: COMMANDS });
    const submitsOf = (callId: string) => submits.filter((r) => (r.body as { line?: string } | undefined)?.line === `echo ${callId}`);

    const failed = records.filter((r) => !r.ok);
    const inFlightOnVictim = failed.filter((r) => routed.get(r.callId)?.server === victim.name);
    const failedElsewhere = failed.filter((r) => routed.get(r.callId)?.server !== victim.name);
    const duplicates = records.filter((r) => submitsOf(r.callId).length > 1);
    const wrongWorkspace = records.filter((r) => {
      if (!r.ok) return false;
      const owners = submitsOf(r.callId).map((s) => tokenOwner.get(s.tokenId ?? ''));
      return r.answeredWorkspace !== r.workspace || r.output !== `${r.callId}\n` || owners.some((o) => o?.workspace !== r.workspace);
    });
    const servedAfterRestart = submits.filter((s) => s.time >= restartedAt && tokenOwner.get(s.tokenId ?? '')?.replica === victim.name).length;
    const misattributed = records.filter((r) => {
      const owner = submitsOf(r.callId).map((s) => tokenOwner.get(s.tokenId ?? '')?.replica)[0];
      return r.ok && owner !== routed.get(r.callId)?.server;
    });

    process.stdout.write(
      `balancer: ${records.length} calls through HAProxy to ${REPLICAS} replicas (${CLIENTS} clients, half 2025-era, half 2026-era); ` +
        `${records.length - failed.length} succeeded (2025-era ${records.filter((r) => r.ok && r.era === '2025').length}, 2026-era ${records.filter((r) => r.ok && r.era === '2026').length}); failures on surviving replicas ${failedElsewhere.length}; ` +
        `in flight on the killed replica ${inFlightOnVictim.length} (all transport errors: ${inFlightOnVictim.every((r) => r.transportError)}); ` +
        `duplicates ${duplicates.length}; wrong workspace ${wrongWorkspace.length}; commands submitted by the restarted replica ${servedAfterRestart}\n` +
        `phases: ${phases.join(', ')}\n` +
        `haproxy: ${haproxy!.stateChanges().map((line) => line.replace(/^.*Server replicas\//, '').slice(0, 60)).join(' | ')}\n`,
    );

    expect(records.length).toBeGreaterThanOrEqual(3 * PHASE_CALLS);
    expect(failedElsewhere.map((r) => ({ ...r, routed: routed.get(r.callId) }))).toEqual([]);
    expect(inFlightOnVictim.every((r) => r.transportError)).toBe(true);
    expect(duplicates.map((r) => r.callId)).toEqual([]);
    expect(wrongWorkspace.map((r) => r.callId)).toEqual([]);
    expect(misattributed.map((r) => ({ callId: r.callId, routed: routed.get(r.callId), submittedBy: submitsOf(r.callId).map((x) => tokenOwner.get(x.tokenId ?? '')) }))).toEqual([]);
    for (const record of records.filter((r) => r.ok)) expect(submitsOf(record.callId)).toHaveLength(1);
    expect(servedAfterRestart).toBeGreaterThan(0);
    for (const era of ['2025', '2026']) expect(records.filter((r) => r.era === era && r.ok).length).toBeGreaterThan(PHASE_CALLS / 2);
  }, 120_000);
});

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { FaultRule, LoggedRequest } from '../../sandbox/index.js';
import type { ToolOutcome } from '../helpers/in-process.js';
import { proofRig, structuredProblem, type ProofRig } from './proof-setup.js';
import { validArgs, type Args, type JsonSchema } from './schema-arbitrary.js';

/**
 * Fault injection against the tools each fault affects, all picked from the registry: reads under 5xx bursts, resets,
 * 429 + Retry-After, timeouts and a persistent outage; every write under faults on its POST/PATCH; command tools under
 * faults and WebSocket drops; uploads under object-store failures. Reads must retry to the fault-free answer or fail with a
 * structured error; writes are never sent twice; the server answers the next call normally.
 */
const BATCH = 4; // below the circuit breaker's 5 consecutive failures
const counts = { faultsInjected: 0, calls: 0, failures: 0 };

interface Baseline {
  tool: Tool;
  args: Args;
  outcome: ToolOutcome;
  requests: LoggedRequest[];
}

describe('fault injection', () => {
  let rig: ProofRig;
  let reads: Baseline[] = [];
  let connected: string;

  const call = async (tool: string, args: Args): Promise<{ outcome: ToolOutcome; requests: LoggedRequest[]; ms: number }> => {
    const before = rig.t.sandbox.requests.count();
    const started = Date.now();
    const outcome = await rig.t.call(tool, args);
    counts.calls += 1;
    return { outcome, requests: rig.t.sandbox.requests.all().slice(before), ms: Date.now() - started };
  };
  const shape = (o: ToolOutcome) => ({ ok: o.ok, code: o.error?.code });
  const fault = (rule: FaultRule) => {
    counts.faultsInjected += 1;
    return rig.t.sandbox.faults.add(rule);
  };

  beforeAll(async () => {
    rig = await proofRig({ rc: { http: { timeoutMs: 800, retries: 2 } } });
    connected = rig.t.sandbox.world.servers.all().find((s) => s.is_connected)?.id ?? '';
    // One sample input per read-only workspace tool, kept when it reaches the sandbox and answers ok.
    for (const tool of rig.tools.filter((t) => t.annotations?.readOnlyHint === true)) {
      const samples = fc.sample(validArgs(tool.inputSchema as JsonSchema, { ...rig.domain, serverIds: [connected] }), { numRuns: 6, seed: 7 });
      for (const args of samples.filter((a) => rig.acceptedBySchema(tool, a))) {
        const { outcome, requests } = await call(tool.name, args);
        if (outcome.ok && requests.length > 0 && requests.every((r) => r.method === 'GET')) {
          reads.push({ tool, args, outcome, requests });
          break;
        }
      }
    }
  }, 120_000);

  afterAll(async () => {
    process.stderr.write(`faults: ${counts.faultsInjected} faults injected over ${counts.calls} calls; ${reads.length} read tools exercised\n`);
    await rig.t.close();
  });

  it('found read tools to exercise', () => {
    expect(reads.length).toBeGreaterThan(10);
  });

  /** Runs every read in batches with a fault on its first request path; expects the fault-free answer. */
  async function readsRecoverFrom(makeRule: (firstPath: string) => FaultRule, pick: (b: Baseline[]) => Baseline[] = (b) => b): Promise<number> {
    let slowest = 0;
    for (const batch of independentBatches(pick(reads))) {
      batch.forEach((b) => fault(makeRule(b.requests[0].path)));
      const results = await Promise.all(batch.map((b) => call(b.tool.name, b.args)));
      results.forEach((r, j) => {
        slowest = Math.max(slowest, r.ms);
        expect({ tool: batch[j].tool.name, outcome: shape(r.outcome) }).toEqual({ tool: batch[j].tool.name, outcome: shape(batch[j].outcome) });
      });
      rig.t.sandbox.faults.clear();
    }
    return slowest;
  }

  it('reads retry through a burst of two 5xx answers and return the fault-free result', async () => {
    const before = rig.t.sandbox.requests.all().filter((r) => r.status >= 500).length;
    await readsRecoverFrom((p) => ({ kind: 'error5xx', status: 503, method: 'GET', pathPrefix: p, count: 2 }));
    const fived = rig.t.sandbox.requests.all().filter((r) => r.status >= 500).length - before;
    expect(fived).toBeGreaterThanOrEqual(2 * reads.length);
  }, 120_000);

  it('reads retry through a connection reset', async () => {
    await readsRecoverFrom((p) => ({ kind: 'reset', method: 'GET', pathPrefix: p, count: 1 }));
  }, 120_000);

  it('reads honour 429 Retry-After and then succeed', async () => {
    const slowest = await readsRecoverFrom((p) => ({ kind: 'rate429', retryAfter: 1, method: 'GET', pathPrefix: p, count: 1 }), (b) => b.slice(0, 8));
    expect(slowest).toBeGreaterThanOrEqual(950);
  }, 60_000);

  it('reads retry after a request that never answers (client timeout)', async () => {
    await readsRecoverFrom((p) => ({ kind: 'timeout', method: 'GET', pathPrefix: p, count: 1 }), (b) => b.slice(0, 8));
  }, 60_000);

  it('a persistent outage gives a structured error, and the next call after it answers normally', async () => {
    for (const b of reads.slice(0, 6)) {
      const id = fault({ kind: 'error5xx', status: 502, method: 'GET', pathPrefix: b.requests[0].path });
      const down = await call(b.tool.name, b.args);
      expect({ tool: b.tool.name, problem: structuredProblem(down.outcome) }).toEqual({ tool: b.tool.name, problem: undefined });
      rig.t.sandbox.faults.remove(id);
      const next = await call(b.tool.name, b.args);
      expect({ tool: b.tool.name, outcome: shape(next.outcome) }).toEqual({ tool: b.tool.name, outcome: shape(b.outcome) });
    }
  }, 60_000);

  /** Arguments that make a command tool actually submit: a connected server and a harmless command. */
  function commandArgs(tool: Tool, line: string): Args | undefined {
    const schema = tool.inputSchema as JsonSchema;
    const args: Args = { workspace: rig.t.sandbox.workspace };
    for (const key of schema.required ?? []) {
      if (key === 'workspace') continue;
      if (key === 'server_id') args.server_id = connected;
      else if (key === 'server_ids') args.server_ids = [connected];
      else if (key === 'command') args.command = line;
      else if (key === 'commands') args.commands = [line];
      else return undefined; // needs a session or channel id first
    }
    return args;
  }

  const commandTools = () => rig.t.app.registry.list().filter((t) => t.commandFields.length > 0).map((t) => rig.tools.find((x) => x.name === t.name) as Tool);

  it('command submissions under 5xx, 429, reset and timeout are never sent twice, and the server answers the next call', async () => {
    const tools = commandTools().filter((t) => commandArgs(t, 'true') !== undefined);
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) {
      for (const kind of ['error5xx', 'rate429', 'reset', 'timeout'] as const) {
        const marker = `/tmp/runs-${tool.name}-${kind}`;
        fault({ kind, method: 'POST', count: 1, status: 502, retryAfter: 1 });
        const faulted = await call(tool.name, commandArgs(tool, `echo x >> ${marker}`) as Args);
        rig.t.sandbox.faults.clear();
        expect({ tool: tool.name, kind, problem: structuredProblem(faulted.outcome) }).toEqual({ tool: tool.name, kind, problem: undefined });
        expect({ tool: tool.name, kind, duplicates: duplicatedWrites(faulted.requests) }).toEqual({ tool: tool.name, kind, duplicates: [] });
        const host = rig.t.sandbox.world.host(connected);
        const runs = host.fs.exists(marker) ? (await host.fs.readFile(marker)).toString().split('\n').filter(Boolean).length : 0;
        expect({ tool: tool.name, kind, runs: Math.min(runs, 2) }).toEqual({ tool: tool.name, kind, runs: Math.min(runs, 1) });
        const next = await call(tool.name, commandArgs(tool, 'echo next') as Args);
        expect({ tool: tool.name, kind, ok: next.outcome.ok }).toEqual({ tool: tool.name, kind, ok: true });
      }
    }
  }, 120_000);

  it('every other write under a fault on its first POST/PATCH is not retried and answers structurally', async () => {
    const writes = rig.tools.filter((t) => t.annotations?.readOnlyHint !== true && !commandTools().includes(t));
    // Destructive writes may unregister or shut down their target: aim them at a server the later tests do not use.
    const victim = rig.domain.serverIds.find((id) => id !== connected) as string;
    let exercised = 0;
    for (const tool of writes) {
      const samples = fc.sample(validArgs(tool.inputSchema as JsonSchema, { ...rig.domain, serverIds: [victim] }), { numRuns: 3, seed: 11 });
      for (const args of samples.filter((a) => rig.acceptedBySchema(tool, a))) {
        for (const kind of ['error5xx', 'reset'] as const) {
          fault({ kind, method: 'POST', count: 1, status: 503 });
          fault({ kind, method: 'PATCH', count: 1, status: 503 });
          const faulted = await call(tool.name, args);
          rig.t.sandbox.faults.clear();
          expect({ tool: tool.name, problem: structuredProblem(faulted.outcome) }).toEqual({ tool: tool.name, problem: undefined });
          expect({ tool: tool.name, duplicates: duplicatedWrites(faulted.requests) }).toEqual({ tool: tool.name, duplicates: [] });
          if (faulted.requests.some((r) => r.method === 'POST' || r.method === 'PATCH')) exercised += 1;
          // The server answers the next call (which also closes the circuit breaker the failures counted towards).
          const next = await call('list_servers', { workspace: rig.t.sandbox.workspace });
          expect({ after: tool.name, ok: next.outcome.ok, code: next.outcome.error?.code }).toEqual({ after: tool.name, ok: true, code: undefined });
        }
      }
    }
    expect(exercised).toBeGreaterThan(0);
  }, 120_000);

  it('Websh WebSocket drops fail the command once, never re-send it, and the next command works', async () => {
    const websh = commandTools().filter((t) => rig.t.app.registry.get(t.name)?.plugin === 'websh' && commandArgs(t, 'true') !== undefined);
    expect(websh.length).toBeGreaterThan(0);
    for (const tool of websh) {
      const marker = `/tmp/ws-runs-${tool.name}`;
      rig.t.sandbox.faults.ws.dropAfterMessages = 1;
      counts.faultsInjected += 1;
      const dropped = await call(tool.name, commandArgs(tool, `echo x >> ${marker}; sleep 1`) as Args);
      rig.t.sandbox.faults.clear();
      expect({ tool: tool.name, ok: dropped.outcome.ok, problem: structuredProblem(dropped.outcome) }).toEqual({ tool: tool.name, ok: false, problem: undefined });
      const host = rig.t.sandbox.world.host(connected);
      const runs = host.fs.exists(marker) ? (await host.fs.readFile(marker)).toString().split('\n').filter(Boolean).length : 0;
      expect({ tool: tool.name, runs: Math.min(runs, 2) }).toEqual({ tool: tool.name, runs: Math.min(runs, 1) });
      const next = await call(tool.name, commandArgs(tool, 'echo next') as Args);
      expect({ tool: tool.name, ok: next.outcome.ok }).toEqual({ tool: tool.name, ok: true });
    }
  }, 120_000);

  it('object-store failures fail an upload once, with no second transfer and no remote file', async () => {
    const local = path.join(rig.domain.localRoot, 'upload.bin');
    await writeFile(local, Buffer.alloc(1024 * 1024, 7));
    const uploads = rig.tools.filter((t) => /upload_(file|content)$/.test(t.name));
    expect(uploads.length).toBeGreaterThan(0);
    for (const tool of uploads) {
      for (const [name, apply] of [
        ['s3 503', () => (rig.t.sandbox.faults.s3.error5xx = 503)],
        ['s3 cut after 200 KB', () => (rig.t.sandbox.faults.s3.failAfterBytes = 200_000)],
      ] as const) {
        const remote = `/tmp/${tool.name}-${name.replace(/\W+/g, '-')}.bin`;
        apply();
        counts.faultsInjected += 1;
        const args: Args = { workspace: rig.t.sandbox.workspace, server_id: connected, remote_file_path: remote };
        if (tool.name.endsWith('content')) args.content = 'x'.repeat(300_000);
        else args.local_file_path = local;
        const failed = await call(tool.name, args);
        rig.t.sandbox.faults.clear();
        expect({ tool: tool.name, name, ok: failed.outcome.ok, problem: structuredProblem(failed.outcome) }).toEqual({ tool: tool.name, name, ok: false, problem: undefined });
        expect({ tool: tool.name, name, duplicates: duplicatedWrites(failed.requests) }).toEqual({ tool: tool.name, name, duplicates: [] });
        expect(rig.t.sandbox.world.host(connected).fs.exists(remote)).toBe(false);
        const next = await call(tool.name, args);
        expect({ tool: tool.name, name, ok: next.outcome.ok }).toEqual({ tool: tool.name, name, ok: true });
      }
    }
  }, 120_000);
});

/** Batches of at most BATCH reads whose fault rules (a prefix of each one's first path) cannot hit another member's requests. */
function independentBatches(reads: Baseline[]): Baseline[][] {
  const batches: Baseline[][] = [];
  const touches = (a: Baseline, b: Baseline) => b.requests.some((r) => r.path.startsWith(a.requests[0].path));
  for (const read of reads) {
    const home = batches.find((batch) => batch.length < BATCH && batch.every((m) => !touches(m, read) && !touches(read, m)));
    if (home) home.push(read);
    else batches.push([read]);
  }
  return batches;
}

/** POST/PATCH requests sent more than once to the same path within one call. */
function duplicatedWrites(requests: LoggedRequest[]): string[] {
  const seen = new Map<string, number>();
  for (const r of requests) {
    if (r.method !== 'POST' && r.method !== 'PATCH') continue;
    // Path only: a request answered by a fault is logged without its body.
    const key = `${r.method} ${r.path}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${n}× ${k}`);
}

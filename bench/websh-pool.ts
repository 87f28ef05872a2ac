/**
 * Websh pool benchmark (issue 5), against the sandbox through the real MCP protocol (SDK client, in-memory transport):
 * 200 commands via pooled `execute_command` vs 200 one-shot `websh_websocket_execute`, pooled commands per second, and
 * 50 servers in parallel vs one server. Prints a table; `run()` returns the JSON (also written to --out, default
 * bench-results/websh-pool.json). Run: `npm run build && node dist/bench/websh-pool.js [--commands N] [--servers N]`.
 */
import 'reflect-metadata';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createApp } from '../core/app/create-app.js';
import { tokenEnvName } from '../core/auth/token-env.js';
import { createLogger } from '../core/logger.js';
import { BUILTIN_PLUGINS } from '../plugins/builtin.js';
import { NO_LATENCY, startSandbox, type LatencyProfile } from '../sandbox/index.js';

export interface WebshPoolBenchOptions {
  commands?: number;
  servers?: number;
  /** Commands per server in the parallel part. */
  perServer?: number;
  /** Simulated remote work per command in the parallel part, in seconds (`sleep N` on the sandbox host). */
  workSeconds?: number;
  /** Delays of a real workspace in the sandbox (default none). */
  latency?: LatencyProfile;
  /** Parallel execute_command calls on one server in the same-server part (default 5, the pool's default bound). */
  sameServerCalls?: number;
  /** The `websh` section of .alpaconrc (e.g. `{ warmSpares: 4 }`); default none. */
  websh?: Record<string, unknown>;
  out?: string | null;
}

export interface WebshPoolBenchResult {
  name: 'websh-pool';
  commands: number;
  pooled_ms: number;
  one_shot_ms: number;
  /** one-shot time / pooled time; target ≥ 10. */
  ratio: number;
  pooled_commands_per_second: number;
  one_shot_commands_per_second: number;
  pooled_sessions_created: number;
  one_shot_sessions_created: number;
  /** A local tool call (websh_channels_list) through the same MCP client: the floor under any per-call time. */
  mcp_call_floor_ms: number;
  parallel: { servers: number; commands_per_server: number; command: string; one_server_ms: number; all_servers_ms: number; ratio: number };
  /** N overlapping `sleep 1` execute_command calls on one server vs one: the pool grows instead of queueing (goal ≤ 1.3×). */
  same_server: { calls: number; one_ms: number; parallel_cold_ms: number; parallel_warm_ms: number; ratio_cold: number; ratio_warm: number; sessions_opened: number };
  latency: LatencyProfile;
  targets: { pool_at_least_10x: boolean; parallel_within_2x: boolean; same_server_within_1_3x: boolean };
}

export async function run(options: WebshPoolBenchOptions = {}): Promise<WebshPoolBenchResult> {
  const commands = options.commands ?? 200;
  const serverCount = options.servers ?? 50;
  const perServer = options.perServer ?? 5;
  const workSeconds = options.workSeconds ?? 0.2;
  const latency = options.latency ?? NO_LATENCY;
  const sameServerCalls = options.sameServerCalls ?? 5;
  const sandbox = await startSandbox({ servers: serverCount + 10, latency });
  const cwd = await mkdtemp(path.join(tmpdir(), 'websh-bench-'));
  await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify({ plugins: ['websh'], ...(options.websh ? { websh: options.websh } : {}) }));
  const app = await createApp({
    builtins: BUILTIN_PLUGINS,
    defaultPlugins: ['websh'],
    cwd,
    env: { [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
    overrides: { baseUrl: sandbox.url },
    logger: createLogger({ level: 'error' }),
  });
  const server = app.createServer();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'websh-bench', version: '0.0.0' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  try {
    const servers = sandbox.world.servers.all().filter((s) => s.is_connected).map((s) => s.id);
    if (servers.length <= serverCount) throw new Error(`only ${servers.length} connected servers in the sandbox`);
    const call = async (name: string, serverId: string, command: string): Promise<void> => {
      const result = await client.callTool({ name, arguments: { workspace: sandbox.workspace, server_id: serverId, command } });
      const structured = result.structuredContent as { ok?: boolean; data?: { exit_code?: number }; error?: { code: string; message: string } } | undefined;
      if (result.isError || structured?.ok !== true || structured.data?.exit_code !== 0) {
        throw new Error(`${name} failed: ${JSON.stringify(structured?.error ?? structured?.data)}`);
      }
    };
    const sessionsCreated = () => sandbox.requests.count({ method: 'POST', path: '/api/websh/sessions/' });
    const timed = async (work: () => Promise<void>): Promise<number> => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };

    // Pooled: the first call opens the connection; it is part of the measured 200.
    sandbox.requests.clear();
    const pooledMs = await timed(async () => {
      for (let i = 0; i < commands; i += 1) await call('execute_command', servers[0], `echo pooled ${i}`);
    });
    const pooledSessions = sessionsCreated();
    sandbox.requests.clear();
    const oneShotMs = await timed(async () => {
      for (let i = 0; i < commands; i += 1) await call('websh_websocket_execute', servers[1], `echo one-shot ${i}`);
    });
    const oneShotSessions = sessionsCreated();

    const floorMs = await timed(async () => {
      for (let i = 0; i < commands; i += 1) await client.callTool({ name: 'websh_channels_list', arguments: {} });
    });

    // Parallel: warm every pool entry first, then the same work on one server vs on all of them at once. Each command
    // waits `workSeconds` on its host, as real commands take time on their servers; echo-only commands would measure the
    // CPU of this one process (which also simulates all 50 hosts), not the pool's concurrency.
    const fleet = servers.slice(0, serverCount);
    await Promise.all(fleet.map((id) => call('execute_command', id, 'true')));
    const parallelCommand = `sleep ${workSeconds}; echo done`;
    const work = (id: string) => async () => {
      for (let i = 0; i < perServer; i += 1) await call('execute_command', id, parallelCommand);
    };
    const oneServerMs = await timed(work(fleet[0]));
    const allServersMs = await timed(async () => {
      await Promise.all(fleet.map((id) => work(id)()));
    });

    // Same server, overlapping calls: one `sleep 1` on a warm connection, then N at once (the pool opens N-1 more), then N
    // again on the now warm connections.
    const lone = servers[servers.length - 1];
    const sleeper = 'sleep 1; echo done';
    await call('execute_command', lone, 'true');
    const oneMs = await timed(() => call('execute_command', lone, sleeper));
    sandbox.requests.clear();
    const overlapping = () => Promise.all(Array.from({ length: sameServerCalls }, () => call('execute_command', lone, sleeper))).then(() => undefined);
    const parallelColdMs = await timed(overlapping);
    const sameServerSessions = sessionsCreated();
    const parallelWarmMs = await timed(overlapping);

    const ratio = oneShotMs / pooledMs;
    const result: WebshPoolBenchResult = {
      name: 'websh-pool',
      commands,
      pooled_ms: round(pooledMs),
      one_shot_ms: round(oneShotMs),
      ratio: round(ratio),
      pooled_commands_per_second: round((commands / pooledMs) * 1000),
      one_shot_commands_per_second: round((commands / oneShotMs) * 1000),
      pooled_sessions_created: pooledSessions,
      one_shot_sessions_created: oneShotSessions,
      mcp_call_floor_ms: round(floorMs / commands),
      parallel: {
        servers: fleet.length,
        commands_per_server: perServer,
        command: parallelCommand,
        one_server_ms: round(oneServerMs),
        all_servers_ms: round(allServersMs),
        ratio: round(allServersMs / oneServerMs),
      },
      same_server: {
        calls: sameServerCalls,
        one_ms: round(oneMs),
        parallel_cold_ms: round(parallelColdMs),
        parallel_warm_ms: round(parallelWarmMs),
        ratio_cold: round(parallelColdMs / oneMs),
        ratio_warm: round(parallelWarmMs / oneMs),
        sessions_opened: sameServerSessions,
      },
      latency,
      targets: {
        pool_at_least_10x: ratio >= 10,
        parallel_within_2x: allServersMs <= 2 * oneServerMs,
        same_server_within_1_3x: parallelColdMs <= 1.3 * oneMs,
      },
    };
    if (options.out !== null) {
      const out = options.out ?? path.join(process.cwd(), 'bench-results', 'websh-pool.json');
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    }
    return result;
  } finally {
    await client.close();
    await app.close();
    await server.close();
    await sandbox.stop();
    await rm(cwd, { recursive: true, force: true });
  }
}

export function formatTable(r: WebshPoolBenchResult): string {
  const rows: [string, string][] = [
    [`${r.commands} × execute_command (pooled)`, `${r.pooled_ms} ms  (${r.pooled_commands_per_second} commands/s, ${r.pooled_sessions_created} session)`],
    [`${r.commands} × websh_websocket_execute`, `${r.one_shot_ms} ms  (${r.one_shot_commands_per_second} commands/s, ${r.one_shot_sessions_created} sessions)`],
    ['ratio one-shot / pooled', `${r.ratio}×  (target ≥ 10×: ${r.targets.pool_at_least_10x ? 'met' : 'MISSED'})`],
    ['MCP call floor (local tool)', `${r.mcp_call_floor_ms} ms per call`],
    [`${r.parallel.commands_per_server} × "${r.parallel.command}" on 1 server`, `${r.parallel.one_server_ms} ms`],
    [`the same on each of ${r.parallel.servers} servers at once`, `${r.parallel.all_servers_ms} ms`],
    ['ratio parallel / one server', `${r.parallel.ratio}×  (target ≤ 2×: ${r.targets.parallel_within_2x ? 'met' : 'MISSED'})`],
    [`${r.same_server.calls} overlapping "sleep 1" on one server vs one`, `${r.same_server.ratio_cold}× while the pool grows (${r.same_server.sessions_opened} sessions opened), ${r.same_server.ratio_warm}× warm (target ≤ 1.3×)`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return ['Websh pool benchmark', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}

const round = (value: number): number => Math.round(value * 10) / 10;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const numberArg = (name: string): number | undefined => (argValue(name) === undefined ? undefined : Number(argValue(name)));
  run({ commands: numberArg('--commands'), servers: numberArg('--servers'), perServer: numberArg('--per-server'), workSeconds: numberArg('--work-seconds'), out: argValue('--out') })
    .then((result) => {
      process.stdout.write(`${formatTable(result)}\n${JSON.stringify(result)}\n`);
      if (!result.targets.pool_at_least_10x || !result.targets.parallel_within_2x) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      process.stderr.write(`websh-pool benchmark failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}

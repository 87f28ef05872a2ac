/**
 * `npm run bench`: the proof benchmarks (issues 10 and 18), each measured side by side in one run against a local sandbox
 * (loopback only), alpacon-mcp against its peer (bench/peer-server.ts). Prints the table of figures, ratios and goals, writes
 * bench/results/latest.json and the results block of docs/proof.md. BENCH_QUICK=1 (or --quick) shortens every part;
 * single counts: BENCH_CALLS, BENCH_MEMORY_CALLS, BENCH_COLD_RUNS, BENCH_SOAK_SECONDS; BENCH_SKIP=websh,webftp,soak skips parts by name;
 * BENCH_NO_PROOF=1 leaves docs/proof.md alone (scripts/bench-ab.mjs). Beside the peer table it prints every figure of the
 * v1 bench (76d7aa4) measured the v1 way (bench/v1/), also under `v1` in the JSON.
 * The Websh pool and WebFTP streaming benchmarks (bench/websh-pool.ts, bench/webftp-stream.ts) run too when present.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REAL_WORKSPACE_LATENCY, startSandbox } from '../sandbox/index.js';
import { coldStart } from './cold-start.js';
import { fanOut } from './fan-out.js';
import { httpSoak } from './http-soak.js';
import { memoryAfterCalls } from './memory.js';
import { perCallOverhead } from './per-call.js';
import { perCallVsDirect } from './v1/per-call-direct.js';
import { v1View } from './v1/view.js';
import { listItemSizes } from './list-items.js';
import { markdownReport, printReport } from './report.js';
import { count, QUICK } from './lib/stats.js';
import { ROOT, spawnAlpacon, spawnPeer } from './lib/stdio-server.js';
import { toolsListSize } from './tools-list-size.js';

const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));

/** Runs a bench module from dist/bench when it exists (written by other issues), through its exported run(). */
async function optional(name: string, options: Record<string, unknown>): Promise<unknown> {
  if (skip.has(name.split('-')[0])) return { skipped: 'BENCH_SKIP' };
  const file = path.join(ROOT, 'dist', 'bench', `${name}.js`);
  if (!existsSync(file)) return { skipped: 'not present' };
  const mod = (await import(pathToFileURL(file).href)) as { run?: (o: Record<string, unknown>) => Promise<unknown> };
  if (typeof mod.run !== 'function') return { skipped: 'no run() export' };
  try {
    return await mod.run(options);
  } catch (error) {
    return { failed: error instanceof Error ? error.message : String(error) };
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    quick: QUICK,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    load_average: (await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' '),
  };
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

  const sandbox = await startSandbox({ servers: 5 });
  try {
    log('per-call cost and memory (alpacon-mcp and the peer over stdio)');
    const server = await spawnAlpacon(sandbox);
    const peer = await spawnPeer(sandbox);
    try {
      const idle = await memoryAfterCalls.idle(server);
      results.per_call_direct = await perCallVsDirect(server, sandbox, count('BENCH_CALLS', 2_000, 400));
      results.per_call = await perCallOverhead(server, peer, sandbox, count('BENCH_CALLS', 1_500, 400));
      results.memory = await memoryAfterCalls.after(server, sandbox, idle, count('BENCH_MEMORY_CALLS', 10_000, 2_000));
    } finally {
      await server.close();
      await peer.close();
    }
    log('cold start and RSS after start (default set, all plugins, peer)');
    results.cold_start = await coldStart(sandbox, count('BENCH_COLD_RUNS', 7, 3));
    log('bytes per item of every list tool');
    results.list_items = await listItemSizes(sandbox);
    if (!skip.has('soak')) {
      log('HTTP soak');
      results.http_soak = await httpSoak(sandbox, { clients: 50, seconds: count('BENCH_SOAK_SECONDS', 30, 8) });
    }
  } finally {
    await sandbox.stop();
  }
  log('tools/list size');
  results.tools_list = await toolsListSize();
  log('fan-out');
  results.fan_out = await fanOut(QUICK ? [1, 50, 200] : [1, 50, 200, 1_000]);
  log('websh pool, zero latency and a real workspace\'s');
  results.websh_pool = {
    zero_latency: await optional('websh-pool', QUICK ? { commands: 50, servers: 10, perServer: 5, out: null } : { out: null }),
    // Every one-shot command pays ~4 delays here, so fewer commands measure the same ratio in reasonable time.
    real_workspace: await optional('websh-pool', { commands: QUICK ? 10 : 30, servers: 10, perServer: 3, out: null, latency: REAL_WORKSPACE_LATENCY }),
    // The first burst with websh.warmSpares = N - 1: the spares opened after the first call serve it (the rest is unchanged).
    real_workspace_warm_spares: await optional('websh-pool', { commands: 5, servers: 2, perServer: 1, out: null, latency: REAL_WORKSPACE_LATENCY, websh: { warmSpares: 4 } }),
  };
  log('webftp stream');
  results.webftp_stream = await optional('webftp-stream', QUICK ? { bytes: 32 * 1024 * 1024, out: null } : { out: null });
  results.duration_s = Math.round((Date.now() - started) / 1000);
  results.v1 = v1View(results);

  const out = path.join(ROOT, 'bench', 'results', 'latest.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(results, null, 2) + '\n');
  if (process.env.BENCH_NO_PROOF !== '1') await writeProofBlock(results);
  printReport(results);
  process.stdout.write(`\nJSON: ${path.relative(process.cwd(), out)}${process.env.BENCH_NO_PROOF === '1' ? '' : '; table also in docs/proof.md'}\n`);
}

const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';

/** Replaces the generated block of docs/proof.md with this run's table. */
async function writeProofBlock(results: Record<string, unknown>): Promise<void> {
  const file = path.join(ROOT, 'docs', 'proof.md');
  const text = await readFile(file, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return;
  const when = `Last run: ${String(results.when)}, Node ${String(results.node)}, ${String(results.platform)}${results.quick ? ' (quick)' : ''}; machine load when it started: ${String(results.load_average)}.`;
  await writeFile(file, `${text.slice(0, start)}${BEGIN}\n${when}\n\n${markdownReport(results)}\n${text.slice(end)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);

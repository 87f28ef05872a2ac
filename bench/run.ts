/**
 * `npm run bench`: the proof benchmarks of issue 10, each measured side by side in one run, against a local sandbox
 * (loopback only). Prints a table and writes bench/results/latest.json. BENCH_QUICK=1 (or --quick) shortens every part;
 * single counts: BENCH_CALLS, BENCH_MEMORY_CALLS, BENCH_COLD_RUNS, BENCH_SOAK_SECONDS; BENCH_SKIP=websh,webftp,soak skips parts by name.
 * The Websh pool and WebFTP streaming benchmarks (bench/websh-pool.ts, bench/webftp-stream.ts) run too when present.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSandbox } from '../sandbox/index.js';
import { coldStart } from './cold-start.js';
import { fanOut } from './fan-out.js';
import { httpSoak } from './http-soak.js';
import { memoryAfterCalls } from './memory.js';
import { perCallOverhead } from './per-call.js';
import { printReport } from './report.js';
import { count, QUICK } from './lib/stats.js';
import { ROOT, spawnAlpacon } from './lib/stdio-server.js';
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
  };
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

  const sandbox = await startSandbox({ servers: 5 });
  try {
    log('per-call overhead and memory (stdio server vs direct got)');
    const server = await spawnAlpacon(sandbox);
    try {
      const idle = await memoryAfterCalls.idle(server);
      results.per_call = await perCallOverhead(server, sandbox, count('BENCH_CALLS', 2_000, 400));
      results.memory = await memoryAfterCalls.after(server, sandbox, idle, count('BENCH_MEMORY_CALLS', 10_000, 2_000));
    } finally {
      await server.close();
    }
    log('cold start');
    results.cold_start = await coldStart(sandbox, count('BENCH_COLD_RUNS', 7, 3));
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
  log('websh pool');
  results.websh_pool = await optional('websh-pool', QUICK ? { commands: 50, servers: 10, perServer: 5, out: null } : { out: null });
  log('webftp stream');
  results.webftp_stream = await optional('webftp-stream', QUICK ? { bytes: 32 * 1024 * 1024, out: null } : { out: null });
  results.duration_s = Math.round((Date.now() - started) / 1000);

  const out = path.join(ROOT, 'bench', 'results', 'latest.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(results, null, 2) + '\n');
  printReport(results);
  process.stdout.write(`\nJSON: ${path.relative(process.cwd(), out)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);

/**
 * Where the cold start goes (issue 18): `npm run bench:start` (or `node dist/bench/start-profile.js [mode] [options]`).
 *
 *   imports (default)  import-by-import table: every module's own evaluation time and the RSS it added, grouped by package
 *                      (node_modules) or project folder, up to the first tools/list (bench/lib/start-profile-preload.ts)
 *   cpu                the same start under --cpu-prof: self CPU time by package or folder up to the first tools/list
 *   ab                 plain cold start (spawn → first tools/list) and RSS after it, builds alternated in one run:
 *                      --roots A,B (project roots with a built dist/; default: this one) and the peer (bench/peer-server.ts)
 *
 * Options: --runs N (default 3; ab: 10), --set default|all|both (default both), --top N rows (default 25), --json.
 * Timing of instrumented runs is inflated by the instrumentation; compare rows with each other, not with plain starts.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleRecord, StartProfileRecord } from './lib/start-profile-preload.js';
import { startOnce, workFolder, type PluginSet, type StartRun } from './lib/start-run.js';
import { median, round } from './lib/stats.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const PRELOAD = path.join(HERE, 'lib', 'start-profile-preload.js');
const PEER = path.join(HERE, 'peer-server.js');
const binOf = (root: string) => path.join(root, 'bin', 'alpacon-mcp.js');

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const mode = ['imports', 'cpu', 'ab'].find((m) => process.argv.slice(2).includes(m)) ?? 'imports';
const runs = Number(option('runs') ?? (mode === 'ab' ? 10 : 3));
const top = Number(option('top') ?? 25);
const sets: PluginSet[] = option('set') === 'default' ? ['default'] : option('set') === 'all' ? ['all'] : ['default', 'all'];
const asJson = process.argv.includes('--json');
const mib = (bytes: number) => round(bytes / 1024 / 1024, 1);

/** A package under node_modules (scope included), else the project folder (two levels: core/registry, plugins/servers). */
export function unitOf(file: string, root: string): string {
  const filePath = file.startsWith('file:') ? fileURLToPath(file) : file;
  const parts = filePath.split(path.sep);
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) return parts[nm + 1]?.startsWith('@') ? `${parts[nm + 1]}/${parts[nm + 2]}` : parts[nm + 1] ?? filePath;
  const relative = path.relative(root, filePath).split(path.sep).filter((p) => p !== 'dist');
  return relative.length > 1 ? relative.slice(0, Math.min(2, relative.length - 1)).join('/') : relative[0] ?? filePath;
}

interface UnitRow {
  unit: string;
  modules: number;
  ms: number;
  rssMib: number;
  firstAtMs: number;
}

function byUnit(modules: readonly ModuleRecord[], root: string, runCount: number): UnitRow[] {
  const rows = new Map<string, UnitRow>();
  for (const m of modules) {
    const unit = unitOf(m.file, root);
    const row = rows.get(unit) ?? { unit, modules: 0, ms: 0, rssMib: 0, firstAtMs: Number.POSITIVE_INFINITY };
    row.modules += 1 / runCount;
    row.ms += m.selfMs / runCount;
    row.rssMib += m.selfRssBytes / 1024 / 1024 / runCount;
    row.firstAtMs = Math.min(row.firstAtMs, m.at);
    rows.set(unit, row);
  }
  return [...rows.values()]
    .map((r) => ({ unit: r.unit, modules: Math.round(r.modules), ms: round(r.ms, 1), rssMib: round(r.rssMib, 2), firstAtMs: round(r.firstAtMs, 0) }))
    .sort((a, b) => b.ms - a.ms);
}

async function importTable(set: PluginSet) {
  const records: StartProfileRecord[] = [];
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'alpacon-start-profile-')), 'record.json');
  for (let i = 0; i < runs; i++) {
    await startOnce(binOf(ROOT), { cwd: await workFolder(set), nodeArgs: ['--import', PRELOAD], env: { START_PROFILE_OUT: out } });
    records.push(JSON.parse(await readFile(out, 'utf8')) as StartProfileRecord);
  }
  const beforeList = records.flatMap((r) => r.modules.filter((m) => r.toolsList === undefined || m.at <= r.toolsList.at));
  const rows = byUnit(beforeList, ROOT, records.length);
  const atList = median(records.map((r) => r.toolsList?.at ?? Number.NaN));
  const rssAtList = median(records.map((r) => r.toolsList?.rssBytes ?? Number.NaN));
  const selfMs = rows.reduce((n, r) => n + r.ms, 0);
  const selfRss = rows.reduce((n, r) => n + r.rssMib, 0);
  return {
    set,
    runs: records.length,
    modules: Math.round(beforeList.length / records.length),
    tools_list_at_ms: round(atList, 0),
    rss_at_tools_list_mib: mib(rssAtList),
    evaluation_ms: round(selfMs, 1),
    evaluation_rss_mib: round(selfRss, 1),
    rows,
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const isOurs = (url: string) => url.startsWith('file:') || url.startsWith('/');

/**
 * Each sampled node's unit, twice: its own (`node:internal/...` and `(native)` for Node's parts) and the nearest caller
 * that is a file of the project or of node_modules, so Node's work on behalf of a package (require, fs, parsing JSON)
 * counts with that package. Node's work with no such caller (loading ES modules, bootstrap, GC) keeps its own name.
 */
function attribution(profile: CpuProfile): Map<number, { self: string; caller: string }> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const nameOf = (id: number) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return '(unknown)';
    return frame.url ? (isOurs(frame.url) ? unitOf(frame.url, ROOT) : frame.url.split('/').slice(0, 2).join('/')) : `(${frame.functionName || 'anonymous'})`;
  };
  const result = new Map<number, { self: string; caller: string }>();
  for (const node of profile.nodes) {
    let caller: number | undefined = node.id;
    while (caller !== undefined && !isOurs(byId.get(caller)?.callFrame.url ?? '')) caller = parent.get(caller);
    result.set(node.id, { self: nameOf(node.id), caller: caller === undefined ? nameOf(node.id) : nameOf(caller) });
  }
  return result;
}

async function cpuTable(set: PluginSet) {
  const self = new Map<string, number>();
  const withNode = new Map<string, number>();
  const add = (map: Map<string, number>, unit: string, ms: number) => map.set(unit, (map.get(unit) ?? 0) + ms);
  let wallMs = 0;
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(path.join(tmpdir(), 'alpacon-cpu-prof-'));
    const out = path.join(dir, 'record.json');
    await startOnce(binOf(ROOT), {
      cwd: await workFolder(set),
      nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', '--import', PRELOAD],
      env: { START_PROFILE_OUT: out, START_PROFILE_MODULES: 'off' },
    });
    const record = JSON.parse(await readFile(out, 'utf8')) as StartProfileRecord;
    const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile;
    const units = attribution(profile);
    // V8 stamps samples with the same monotonic clock as process.hrtime: stop at the first tools/list answer.
    const cut = record.toolsList?.hrtimeUs ?? Number.POSITIVE_INFINITY;
    let t = profile.startTime;
    for (let s = 0; s < profile.samples.length; s++) {
      t += profile.timeDeltas[s];
      if (t > cut) break;
      const unit = units.get(profile.samples[s]) ?? { self: '(unknown)', caller: '(unknown)' };
      add(self, unit.self, profile.timeDeltas[s] / 1000 / runs);
      add(withNode, unit.caller, profile.timeDeltas[s] / 1000 / runs);
    }
    wallMs += Math.min(t, cut) - profile.startTime;
  }
  const rows = [...withNode]
    .map(([unit, ms]) => ({ unit, with_node_ms: round(ms, 1), self_ms: round(self.get(unit) ?? 0, 1) }))
    .sort((a, b) => b.with_node_ms - a.with_node_ms);
  return { set, runs, profiled_ms: round(wallMs / 1000 / runs, 0), rows };
}

async function abTable() {
  const roots = (option('roots') ?? ROOT).split(',').map((r) => path.resolve(r));
  const starts: { name: string; script: string; set: PluginSet }[] = [{ name: 'peer', script: PEER, set: 'default' }];
  for (const root of roots) for (const set of sets) starts.push({ name: `${path.basename(root)} ${set}`, script: binOf(root), set });
  const folders = new Map<PluginSet, string>();
  for (const set of sets) folders.set(set, await workFolder(set));
  const samples = new Map<string, StartRun[]>(starts.map((s) => [s.name, []]));
  for (const s of starts) await startOnce(s.script, { cwd: folders.get(s.set) ?? '' }); // warm the file system cache
  for (let i = 0; i < runs; i++) {
    for (const s of starts) samples.get(s.name)?.push(await startOnce(s.script, { cwd: folders.get(s.set) ?? '' }));
  }
  const peer = samples.get('peer') ?? [];
  const peerMs = median(peer.map((r) => r.ms));
  const peerRss = median(peer.map((r) => r.rssBytes ?? Number.NaN));
  return starts.map((s) => {
    const list = samples.get(s.name) ?? [];
    const ms = median(list.map((r) => r.ms));
    const rss = median(list.map((r) => r.rssBytes ?? Number.NaN));
    return { start: s.name, tools: list[0]?.tools, ms: round(ms, 0), ratio: round(ms / peerMs), rss_mib: mib(rss), rss_ratio: round(rss / peerRss) };
  });
}

function printRows(title: string, rows: readonly object[]): void {
  process.stdout.write(`\n${title}\n`);
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  process.stdout.write(`| ${keys.join(' | ')} |\n|${keys.map(() => '---').join('|')}|\n`);
  for (const row of rows) process.stdout.write(`| ${keys.map((k) => String((row as Record<string, unknown>)[k])).join(' | ')} |\n`);
}

async function main(): Promise<void> {
  if (mode === 'ab') {
    const rows = await abTable();
    if (asJson) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else printRows(`cold start to the first tools/list and RSS after it, median of ${runs} alternated runs (load ${(await import('node:os')).loadavg()[0].toFixed(1)})`, rows);
    return;
  }
  for (const set of sets) {
    if (mode === 'cpu') {
      const table = await cpuTable(set);
      if (asJson) process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
      else printRows(`${set} plugins: CPU ms by package up to the first tools/list (--cpu-prof, mean of ${table.runs}; ${table.profiled_ms} ms profiled; with_node_ms adds Node's work called from the package)`, table.rows.slice(0, top));
      continue;
    }
    const table = await importTable(set);
    if (asJson) process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
    else {
      printRows(
        `${set} plugins: ${table.modules} modules evaluated before the first tools/list (at ${table.tools_list_at_ms} ms, RSS ${table.rss_at_tools_list_mib} MiB; ` +
          `own evaluation ${table.evaluation_ms} ms and +${table.evaluation_rss_mib} MiB, the rest is reading, compiling and linking ES modules, GC and I/O; mean of ${table.runs})`,
        table.rows.slice(0, top),
      );
    }
  }
}

await main();

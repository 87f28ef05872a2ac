// A/B of the benchmarks: another git ref (default 76d7aa4, the v1 baseline) against this checkout, in the same run.
// The ref is built once in a cached worktree (`npm ci` from the registry); then the two benches run alternately (ABBA
// order, so a drift in machine load hits both), and every figure of the v1 bench is printed with before, after,
// after/before and a verdict that counts only differences beyond the spread across rounds. Writes bench/results/ab.json.
// A developer command, not part of `npm test`. Usage and options: docs/proof.md ("Before and after: scripts/bench-ab.mjs").
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY = '.bench-ab-ready';

function parseArgs(argv) {
  const options = { ref: '76d7aa4', rounds: 2, quick: false, build: true, cache: process.env.BENCH_AB_CACHE ?? path.join(tmpdir(), 'alpacon-mcp-bench-ab') };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      if (argv[i + 1] === undefined) throw new Error(`${arg} needs a value`);
      i += 1;
      return argv[i];
    };
    if (arg === '--ref') options.ref = value();
    else if (arg === '--rounds') options.rounds = Number(value());
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--skip') options.skip = value();
    else if (arg === '--cache') options.cache = path.resolve(value());
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown argument: ${arg}`);
  }
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error('--rounds must be a whole number >= 1');
  return options;
}

const HELP = `node scripts/bench-ab.mjs [--ref REF] [--rounds N] [--quick] [--skip websh,webftp,soak] [--cache DIR] [--no-build]
  --ref       git ref to compare against (default 76d7aa4, the v1 baseline)
  --rounds    runs of each bench, alternating (default 2; a verdict needs >= 2 to know the noise)
  --quick     BENCH_QUICK=1 for both (short check run, not for conclusions)
  --skip      BENCH_SKIP for both
  --cache     where the ref's worktree and node_modules are kept (default $TMPDIR/alpacon-mcp-bench-ab, or BENCH_AB_CACHE)
  --no-build  do not rebuild this checkout first
Other BENCH_* variables in the environment reach both benches.`;

function run(command, args, cwd, extraEnv = {}, capture) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...extraEnv }, stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'] });
    let out = '';
    child.stdout?.on('data', (chunk) => (out += chunk));
    child.stderr?.on('data', (chunk) => process.stderr.write(chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code}`))));
  });
}

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** The ref checked out and built in the cache, once per commit; later runs reuse it. */
async function prepareRef(options) {
  const sha = git('rev-parse', '--verify', `${options.ref}^{commit}`);
  const dir = path.join(options.cache, sha);
  if (existsSync(path.join(dir, READY))) return { sha, dir };
  await mkdir(options.cache, { recursive: true });
  if (existsSync(dir)) {
    await rm(dir, { recursive: true, force: true });
    git('worktree', 'prune');
  }
  log(`preparing ${options.ref} (${sha.slice(0, 7)}) in ${dir}: worktree, npm ci, build`);
  git('worktree', 'add', '--detach', dir, sha);
  await run('npm', ['ci', '--no-audit', '--no-fund'], dir);
  await run('npm', ['run', 'build'], dir);
  await writeFile(path.join(dir, READY), `${new Date().toISOString()}\n`);
  return { sha, dir };
}

function log(line) {
  process.stderr.write(`bench-ab: ${line}\n`);
}

async function benchOnce(dir, env, saveAs) {
  const stdout = await run(process.execPath, [path.join(dir, 'dist', 'bench', 'run.js')], dir, env, true);
  await copyFile(path.join(dir, 'bench', 'results', 'latest.json'), `${saveAs}.json`);
  await writeFile(`${saveAs}.txt`, stdout);
  return JSON.parse(await readFile(`${saveAs}.json`, 'utf8'));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const ref = await prepareRef(options);
  if (options.build) await run('npm', ['run', 'build'], ROOT);
  const { joinRounds, worseRatios, formatAb } = await import(pathToFileURL(path.join(ROOT, 'dist', 'bench', 'v1', 'ab.js')).href);
  const env = { BENCH_NO_PROOF: '1', ...(options.quick ? { BENCH_QUICK: '1' } : {}), ...(options.skip ? { BENCH_SKIP: options.skip } : {}) };
  const rawDir = path.join(ROOT, 'bench', 'results', 'ab');
  await mkdir(rawDir, { recursive: true });
  const sides = { before: { dir: ref.dir, rounds: [] }, after: { dir: ROOT, rounds: [] } };
  for (let round = 1; round <= options.rounds; round += 1) {
    const order = round % 2 === 1 ? ['before', 'after'] : ['after', 'before'];
    for (const name of order) {
      log(`round ${round}/${options.rounds}: ${name} (${name === 'before' ? `${options.ref}` : 'this checkout'})`);
      sides[name].rounds.push(await benchOnce(sides[name].dir, env, path.join(rawDir, `${name}-${round}`)));
    }
  }
  // Not one of v1's figures, so not in the verdict: both servers behind this checkout's client, to tell the server apart.
  const { serverDuel } = await import(pathToFileURL(path.join(ROOT, 'dist', 'bench', 'v1', 'server-duel.js')).href);
  const duels = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    log(`server against server ${round}/${options.rounds}: ${options.ref} and this checkout behind this checkout's client`);
    duels.push(await serverDuel(ref.dir, options.quick ? 10 : 60));
  }
  const duelMedian = [...duels.map((d) => d.ratio_p50)].sort((a, b) => a - b)[Math.floor((duels.length - 1) / 2)];
  const rows = joinRounds(sides.before.rounds, sides.after.rounds);
  const worse = worseRatios(rows);
  const head = git('rev-parse', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  const result = {
    when: new Date().toISOString(),
    before: { ref: options.ref, commit: ref.sha },
    after: { commit: head, dirty },
    rounds: options.rounds,
    quick: options.quick,
    node: process.version,
    verdict_rule: 'worse/better only when the medians differ by more than the wider spread (max - min) of the two sides\' rounds',
    worse_ratios: worse.map((row) => row.id),
    rows,
    server_duel: { what: 'get_server p50 over stdio, this server / the ref\'s server, both behind this checkout\'s client, one sandbox, alternating blocks', median_ratio: duelMedian, rounds: duels },
  };
  const out = path.join(ROOT, 'bench', 'results', 'ab.json');
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`before: ${options.ref} (${ref.sha.slice(0, 7)}), after: ${head.slice(0, 7)}${dirty ? ' + local changes' : ''}; ${options.rounds} round(s) each, alternating${options.quick ? ', quick' : ''}\n\n`);
  process.stdout.write(`${formatAb(rows)}\n\n`);
  process.stdout.write(`Server against server (get_server p50 over stdio, both behind this checkout's client, one sandbox): this / ${options.ref} = ${duelMedian} (rounds ${duels.map((d) => d.ratio_p50).join(', ')}; not part of the verdict)\n\n`);
  if (options.rounds < 2) process.stdout.write('One round each: no spread to tell noise from change, so every difference counts. Use --rounds 2 or more for verdicts.\n');
  process.stdout.write(worse.length === 0 ? 'No ratio worse than before beyond noise.\n' : `Ratios worse beyond noise: ${worse.map((row) => row.label).join('; ')}\n`);
  process.stdout.write(`JSON: ${path.relative(process.cwd(), out)}; each run's output in ${path.relative(process.cwd(), rawDir)}/\n`);
  return worse.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench-ab failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);

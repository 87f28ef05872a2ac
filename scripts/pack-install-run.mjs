#!/usr/bin/env node
/**
 * Packs alpacon-mcp as the registry would ship it, installs the tarball into a temporary prefix with production
 * dependencies only (`npm install -g --prefix`), and drives the installed binary over stdio against its built-in sandbox:
 * initialize, tools/list, one tools/call. With `--npx` it also runs `npx -y <tarball> --sandbox` the same way.
 * Prints one JSON report line on stdout (`REPORT {...}`); exits non-zero on the first failure.
 *
 *   npm run build && node scripts/pack-install-run.mjs [--npx] [--keep]
 *
 * Loopback only: the registry is reached by npm itself (or its cache); the server talks to its in-process sandbox.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Paths a user never runs: they must not be in the tarball. */
const FORBIDDEN = [/^dist\/bench\//, /^tests?\//, /^bench\//, /^scripts\//, /fixtures?\//, /\.test\.(js|ts|d\.ts)$/, /\.map$/, /^deploy\//, /^\.ci\//];
/** What `alpacon-mcp`, `alpacon-mcp --sandbox` and the `alpacon-mcp` / `alpacon-mcp/sandbox` exports need. */
const REQUIRED = ['package.json', 'bin/alpacon-mcp.js', 'dist/cli/main.js', 'dist/core/index.js', 'dist/core/index.d.ts', 'dist/sandbox/index.js', 'README.md'];

function run(command, argv, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: options.cwd ?? root, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} ${argv.join(' ')} exited ${code}\n${stderr.slice(-2000)}`))));
  });
}

async function pack(destination) {
  // The build is the caller's (`npm test` builds first); --ignore-scripts keeps `prepare` from compiling again.
  const out = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', destination]);
  const [info] = JSON.parse(out.slice(out.indexOf('[')));
  const files = info.files.map((f) => f.path);
  const forbidden = files.filter((file) => FORBIDDEN.some((pattern) => pattern.test(file)));
  if (forbidden.length > 0) throw new Error(`the tarball ships files a user never runs: ${forbidden.slice(0, 10).join(', ')}`);
  const missing = REQUIRED.filter((file) => !files.includes(file));
  if (missing.length > 0) throw new Error(`the tarball lacks ${missing.join(', ')}`);
  return { file: path.join(destination, info.filename), size: info.size, unpackedSize: info.unpackedSize, entries: info.entryCount, files };
}

async function folderBytes(folder) {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) total += await folderBytes(full);
    else if (entry.isFile()) total += (await stat(full)).size;
  }
  return total;
}

async function countPackages(nodeModules) {
  let count = 0;
  for (const entry of await readdir(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) count += (await readdir(path.join(nodeModules, entry.name))).length;
    else count += 1;
    const nested = path.join(nodeModules, entry.name, 'node_modules');
    if (await stat(nested).then((s) => s.isDirectory(), () => false)) count += await countPackages(nested);
  }
  return count;
}

/** Speaks newline-delimited JSON-RPC to a spawned stdio server: initialize, tools/list, tools/call. */
async function driveStdio(command, argv, env) {
  const child = spawn(command, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const waiting = new Map();
  let buffer = '';
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line) continue;
      const message = JSON.parse(line);
      if (message.id !== undefined && waiting.has(message.id)) {
        waiting.get(message.id)(message);
        waiting.delete(message.id);
      }
    }
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let nextId = 1;
  const request = (method, params) => {
    const id = nextId++;
    const answer = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} within 60 s; stderr:\n${stderr.slice(-2000)}`)), 60_000);
      waiting.set(id, (message) => {
        clearTimeout(timer);
        if (message.error) reject(new Error(`${method} failed: ${JSON.stringify(message.error)}`));
        else resolve(message.result);
      });
    });
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
    return answer;
  };
  try {
    const init = await Promise.race([
      request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pack-install-run', version: '0' } }),
      exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before answering; stderr:\n${stderr.slice(-2000)}`))),
    ]);
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
    const listed = await request('tools/list', {});
    const called = await request('tools/call', { name: 'list_servers', arguments: {} });
    if (called.isError) throw new Error(`list_servers failed: ${JSON.stringify(called.structuredContent ?? called.content)}`);
    const data = called.structuredContent?.data;
    const servers = Array.isArray(data) ? data.length : Array.isArray(data?.results) ? data.results.length : Number(data?.count ?? NaN);
    return { serverName: init.serverInfo?.name, tools: listed.tools.length, listServers: { ok: called.structuredContent?.ok === true, workspace: called.structuredContent?.workspace, servers } };
  } finally {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), 'alpacon-pack-'));
  // A home of its own: no token file or npm config of the user's is read by the installed server.
  const home = path.join(work, 'home');
  const serverEnv = { PATH: process.env.PATH ?? '', HOME: home, ALPACON_MCP_LANG: 'en' };
  try {
    const tarball = await pack(work);
    const prefix = path.join(work, 'prefix');
    await run(npm, ['install', '--global', '--prefix', prefix, '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball.file]);
    const nodeModules = path.join(prefix, process.platform === 'win32' ? '' : 'lib', 'node_modules');
    const installed = JSON.parse(await readFile(path.join(nodeModules, 'alpacon-mcp', 'package.json'), 'utf8'));
    const binary = path.join(prefix, process.platform === 'win32' ? 'alpacon-mcp.cmd' : path.join('bin', 'alpacon-mcp'));
    const report = {
      tarball: { file: path.basename(tarball.file), bytes: tarball.size, unpackedBytes: tarball.unpackedSize, entries: tarball.entries },
      install: { bytes: await folderBytes(nodeModules), packages: await countPackages(nodeModules), mcpName: installed.mcpName },
      installed: await driveStdio(binary, ['--sandbox'], serverEnv),
    };
    if (args.has('--npx')) {
      // npx installs into the user's npm cache (`_npx/`), which the server's own home must not hide; a bare tarball path would be run as a command, hence --package.
      const npmCache = process.env.npm_config_cache ?? path.join(homedir(), '.npm');
      report.npx = await driveStdio(npx, ['-y', '--package', tarball.file, 'alpacon-mcp', '--sandbox'], { ...serverEnv, npm_config_cache: npmCache, npm_config_prefer_offline: 'true', npm_config_loglevel: 'error' });
    }
    process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
  } finally {
    if (!args.has('--keep')) await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`pack-install-run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

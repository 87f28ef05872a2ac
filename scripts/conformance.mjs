#!/usr/bin/env node
/**
 * Protocol conformance (issue 10), run under Node 20 but executing the tools under Node 22 from the npm registry:
 *  1. the MCP inspector CLI against `node bin/alpacon-mcp.js --sandbox` over stdio: tools/list, then tools/call;
 *  2. the official conformance suite (@modelcontextprotocol/conformance) against the Streamable HTTP server
 *     (scripts/serve-http-sandbox.mjs): server-initialize, tools-list, ping, dns-rebinding-protection.
 * Needs `npm run build` first. Only the npm registry is reached (to install the pinned tools into a cache); every MCP
 * connection stays on loopback. Exit codes: 0 all passed, 1 a check failed, 3 Node 22 could not be obtained.
 *
 *   node scripts/conformance.mjs             run everything, print a summary (JSON with --json)
 *   node scripts/conformance.mjs --ensure    only install/locate the tools; prints the Node 22 path
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '22.23.3';
export const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
export const CONFORMANCE = '@modelcontextprotocol/conformance@0.1.16';
export const SCENARIOS = ['server-initialize', 'tools-list', 'ping', 'dns-rebinding-protection'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = process.env.ALPACON_PROOF_CACHE ?? path.join(homedir(), '.cache', 'alpacon-mcp', 'proof');
const nodeDir = path.join(cache, `node-${NODE_VERSION}`);
const toolsDir = path.join(cache, 'tools-' + [INSPECTOR, CONFORMANCE].map((p) => p.split('@').pop()).join('-'));
const npmCli = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? process.env.npm_execpath : undefined;

function npm(args, env = process.env) {
  // Through the running npm when there is one (npm run), else the npm on PATH.
  const [command, prefix] = npmCli ? [process.execPath, [npmCli]] : ['npm', []];
  return spawnSync(command, [...prefix, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
}

/** The Node 22 binary, installed from the registry package `node-<platform>-<arch>` (the binary `node@22` installs). */
export function ensureNode22() {
  const binary = path.join(nodeDir, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(binary)) {
    const result = npm(['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', nodeDir, `node-${process.platform}-${process.arch}@${NODE_VERSION}`]);
    if (result.status !== 0 || !existsSync(binary)) {
      return { ok: false, reason: `npm could not install node-${process.platform}-${process.arch}@${NODE_VERSION}: ${(result.stderr || result.error?.message || '').trim().split('\n').slice(-3).join(' ')}` };
    }
  }
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return { ok: false, reason: `the Node ${NODE_VERSION} binary does not run here: ${version.stderr}` };
  return { ok: true, binary, version: version.stdout.trim() };
}

/** Installs the inspector and the conformance suite with Node 22 first on PATH (their engines need it). */
export function ensureTools(node) {
  const bin = (name) => path.join(toolsDir, 'node_modules', '.bin', name);
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  if (!existsSync(bin('mcp-inspector')) || !existsSync(bin('conformance'))) {
    const result = npm(['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', toolsDir, INSPECTOR, CONFORMANCE], env);
    if (result.status !== 0) throw new Error(`npm could not install the conformance tools: ${result.stderr}`);
  }
  return { env, inspector: bin('mcp-inspector'), conformance: bin('conformance') };
}

function run(node, script, args, env, timeoutMs = 90_000) {
  return new Promise((resolve) => {
    const child = spawn(node, [script, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts scripts/serve-http-sandbox.mjs on Node 20 (the project's runtime) and waits for its URL. */
function startHttpServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'serve-http-sandbox.mjs')], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`HTTP server did not start: ${err}`)), 30_000);
    child.stderr.on('data', (c) => (err += c));
    child.stdout.on('data', (c) => {
      out += c;
      const match = /READY (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], stop: () => new Promise((done) => { child.once('close', done); child.kill('SIGTERM'); }) });
      }
    });
    child.once('exit', (code) => reject(new Error(`HTTP server exited (${code}): ${err}`)));
  });
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function runConformance() {
  const node = ensureNode22();
  if (!node.ok) return { node: null, unavailable: node.reason, checks: [] };
  const tools = ensureTools(node.binary);
  const checks = [];
  const server = [path.join(root, 'bin', 'alpacon-mcp.js'), '--sandbox'];

  const list = await run(node.binary, tools.inspector, ['--cli', process.execPath, ...server, '--method', 'tools/list'], tools.env);
  const listed = parseJson(list.stdout)?.tools ?? [];
  checks.push({
    suite: 'inspector', name: 'tools/list over stdio', passed: list.code === 0 && listed.some((t) => t.name === 'get_server'),
    detail: `${listed.length} tools` + (list.code === 0 ? '' : `; exit ${list.code}: ${list.stderr.slice(-500)}`),
  });
  const call = await run(node.binary, tools.inspector,
    ['--cli', process.execPath, ...server, '--method', 'tools/call', '--tool-name', 'list_servers', '--tool-arg', 'page_size=2'], tools.env);
  const result = parseJson(call.stdout);
  checks.push({
    suite: 'inspector', name: 'tools/call list_servers over stdio',
    passed: call.code === 0 && result?.structuredContent?.ok === true && result.structuredContent.data?.results?.length === 2,
    detail: call.code === 0 ? `ok=${result?.structuredContent?.ok}` : `exit ${call.code}: ${call.stderr.slice(-500)}`,
  });

  const http = await startHttpServer();
  try {
    for (const scenario of SCENARIOS) {
      const outcome = await run(node.binary, tools.conformance, ['server', '--url', http.url, '--scenario', scenario], tools.env);
      const summary = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(outcome.stdout);
      checks.push({
        suite: 'conformance', name: scenario,
        passed: outcome.code === 0 && summary !== null && summary[1] === summary[2] && summary[3] === '0',
        detail: summary ? summary[0] : `exit ${outcome.code}: ${(outcome.stdout + outcome.stderr).slice(-800)}`,
      });
    }
  } finally {
    await http.stop();
  }
  return { node: node.version, checks };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--ensure')) {
    const node = ensureNode22();
    if (!node.ok) {
      process.stderr.write(`conformance: Node 22 unavailable: ${node.reason}\n`);
      process.exit(3);
    }
    ensureTools(node.binary);
    process.stdout.write(`${node.binary}\n`);
    process.exit(0);
  }
  const report = await runConformance();
  if (report.unavailable) {
    process.stderr.write(`conformance: SKIPPED, Node 22 could not be obtained from the npm registry: ${report.unavailable}\n`);
    process.exit(3);
  }
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    process.stdout.write(`MCP conformance (tools on Node ${report.node})\n`);
    for (const c of report.checks) process.stdout.write(`  ${c.passed ? 'PASS' : 'FAIL'}  ${c.suite.padEnd(12)} ${c.name.padEnd(36)} ${c.detail}\n`);
  }
  const failed = report.checks.filter((c) => !c.passed).length;
  process.stdout.write(`${report.checks.length - failed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

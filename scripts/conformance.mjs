#!/usr/bin/env node
/**
 * Protocol conformance in both eras (issues 10 and 17), run under Node 20 but executing the tools under Node 22 from the
 * npm registry:
 *  1. the MCP inspector CLI against `node bin/alpacon-mcp.js --sandbox` over stdio: tools/list, then tools/call;
 *  2. the official conformance suite (@modelcontextprotocol/conformance) at its 2025 release (0.1.16) and at its newest
 *     release with 2026-07-28 scenarios (0.2.0-alpha series), against the Streamable HTTP server
 *     (scripts/serve-http-sandbox.mjs): every scenario that applies to alpacon-mcp (INAPPLICABLE lists the others, with
 *     the reason; docs/proof.md repeats them);
 *  3. a modern-era SDK v2 client (@modelcontextprotocol/client, pinned to 2026-07-28) over stdio and Streamable HTTP.
 * Needs `npm run build` first. Only the npm registry is reached (to install the pinned tools into a cache); every MCP
 * connection stays on loopback. Exit codes: 0 all passed, 1 a check failed, 3 Node 22 could not be obtained.
 *
 *   node scripts/conformance.mjs             run everything, print a summary (JSON with --json)
 *   node scripts/conformance.mjs --ensure    only install/locate the tools; prints the Node 22 path
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '22.23.3';
export const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
export const CONFORMANCE = '@modelcontextprotocol/conformance@0.1.16';
export const CONFORMANCE_2026 = '@modelcontextprotocol/conformance@0.2.0-alpha.12';
export const MODERN_REVISION = '2026-07-28';

/** The scenarios that apply to alpacon-mcp, per suite release; `inapplicableChecks`: single checks that do not, with why. */
export const SUITES = [
  {
    name: 'conformance@0.1.16',
    scenarios: ['server-initialize', 'logging-set-level', 'ping', 'tools-list', 'resources-list', 'prompts-list', 'server-sse-multiple-streams', 'dns-rebinding-protection'],
    inapplicableChecks: {},
  },
  {
    name: 'conformance@0.2.0-alpha.12',
    scenarios: [
      'server-initialize', 'server-session-lifecycle', 'server-stateless', 'logging-set-level', 'ping', 'tools-list', 'resources-list',
      'prompts-list', 'server-sse-multiple-streams', 'dns-rebinding-protection', 'http-header-validation', 'caching',
      'sep-2164-resource-not-found', 'input-required-result-unsupported-methods',
    ],
    inapplicableChecks: {
      'server-stateless': {
        'sep-2575-server-rejects-undeclared-capability': 'calls the reference server\'s test_missing_capability tool (needs sampling); alpacon-mcp has no such tool. Its own capability gate (elicitation for confirmDestructive) answers -32021 with HTTP 400: tests/core/confirm-eras.test.ts',
        'sep-2575-missing-capability-http-400': 'same test_missing_capability tool as above',
      },
    },
  },
];

/** Scenarios of either release that do not apply, and why (docs/proof.md lists the same). */
export const INAPPLICABLE = {
  'tools-call-simple-text, tools-call-image, tools-call-audio, tools-call-embedded-resource, tools-call-mixed-content, tools-call-error, tools-call-with-logging, tools-call-with-progress, tools-call-sampling, tools-call-elicitation, json-schema-2020-12, elicitation-sep1034-defaults, elicitation-sep1330-enums':
    'call tools of the reference test server by name (test_simple_text, json_schema_2020_12_tool, …); alpacon-mcp serves Alpacon tools under the names users know. Progress, elicitation and errors of its own tools are tested through the protocol in tests/transports/eras.test.ts, tests/core/confirm-eras.test.ts and the plugin tests',
  'resources-read-text, resources-read-binary, resources-templates-read, resources-subscribe, resources-unsubscribe, prompts-get-simple, prompts-get-with-args, prompts-get-embedded-resource, prompts-get-with-image':
    'read the reference server\'s test:// resources and test_* prompts; alpacon-mcp has resource templates over live Alpacon data and no subscriptions',
  'completion-complete': 'alpacon-mcp does not offer completions (not declared; completion/complete answers method not found)',
  'server-sse-polling': 'calls the reference server\'s reconnection test tool and needs resumable streams (an event store); alpacon-mcp keeps no event store, and 2026-07-28 removed stream resumability',
  'http-custom-header-server-validation': 'needs a tool with x-mcp-header parameters; alpacon-mcp declares none (the SDK validates Mcp-Param-* headers for any that would)',
  'input-required-result-* (except unsupported-methods)': 'call the reference server\'s test tools (elicitation, sampling, roots, multi-round); alpacon-mcp\'s own input_required flow (confirmation with signed state: accept, decline, forged, replayed, expired) is tested in tests/core/confirm-eras.test.ts',
  'tasks-*': 'the Tasks extension: SDK v2 (2.4.0) removed task support (SEP-2663); alpacon-mcp does not offer tasks',
  'sep-2640-skills-*': 'the Skills extension: alpacon-mcp offers no skills',
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = process.env.ALPACON_PROOF_CACHE ?? path.join(homedir(), '.cache', 'alpacon-mcp', 'proof');
const nodeDir = path.join(cache, `node-${NODE_VERSION}`);
const toolsDir = path.join(cache, 'tools-' + [INSPECTOR, CONFORMANCE].map((p) => p.split('@').pop()).join('-'));
// A second prefix: one node_modules cannot hold two versions of the suite.
const tools2026Dir = path.join(cache, 'tools-conformance-' + CONFORMANCE_2026.split('@').pop());
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
  const conformance2026 = path.join(tools2026Dir, 'node_modules', '.bin', 'conformance');
  if (!existsSync(conformance2026)) {
    const result = npm(['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', tools2026Dir, CONFORMANCE_2026], env);
    if (result.status !== 0) throw new Error(`npm could not install ${CONFORMANCE_2026}: ${result.stderr}`);
  }
  return { env, inspector: bin('mcp-inspector'), conformance: { 'conformance@0.1.16': bin('conformance'), 'conformance@0.2.0-alpha.12': conformance2026 } };
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

/**
 * One scenario, judged per check from the suite's checks.json: it passes when every check succeeded (or was skipped or
 * only warned), apart from checks listed as inapplicable for it.
 */
async function runScenario(node, tools, suite, scenario, url) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'alpacon-conformance-'));
  try {
    const outcome = await run(node, tools.conformance[suite.name], ['server', '--url', url, '--scenario', scenario, '-o', outDir], tools.env);
    const file = findChecks(outDir);
    if (!file) return { suite: suite.name, name: scenario, passed: false, detail: `no results; exit ${outcome.code}: ${(outcome.stdout + outcome.stderr).slice(-800)}` };
    const results = JSON.parse(readFileSync(file, 'utf8'));
    const allowed = suite.inapplicableChecks[scenario] ?? {};
    const failed = results.filter((c) => c.status === 'FAILURE' && !(c.id in allowed)).map((c) => `${c.id}: ${c.errorMessage ?? c.description}`);
    const passedCount = results.filter((c) => c.status === 'SUCCESS').length;
    const excused = results.filter((c) => c.status === 'FAILURE' && c.id in allowed).map((c) => c.id);
    return {
      suite: suite.name, name: scenario, passed: failed.length === 0 && passedCount > 0,
      detail: `${passedCount}/${results.length} checks passed` + (excused.length ? `; inapplicable: ${excused.join(', ')}` : '') + (failed.length ? `; FAILED ${failed.join(' | ').slice(0, 800)}` : ''),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function findChecks(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === 'checks.json') return full;
    if (entry.isDirectory()) {
      const found = findChecks(full);
      if (found) return found;
    }
  }
  return undefined;
}

/** A modern-era SDK v2 client (the project's own @modelcontextprotocol/client), pinned to 2026-07-28, over stdio and HTTP. */
async function modernClientChecks(httpUrl, stdioCommand) {
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  const { StdioClientTransport } = await import('@modelcontextprotocol/client/stdio');
  const transports = {
    stdio: () => new StdioClientTransport({ command: process.execPath, args: stdioCommand, cwd: root, stderr: 'ignore' }),
    'Streamable HTTP': () => new StreamableHTTPClientTransport(new URL(httpUrl)),
  };
  const checks = [];
  for (const [name, transport] of Object.entries(transports)) {
    const client = new Client({ name: 'alpacon-conformance-2026', version: '0' }, { versionNegotiation: { mode: { pin: MODERN_REVISION } } });
    try {
      await client.connect(transport());
      const tools = (await client.listTools()).tools;
      const result = await client.callTool({ name: 'list_servers', arguments: { page_size: 2 } });
      const ok = client.getNegotiatedProtocolVersion() === MODERN_REVISION && tools.some((t) => t.name === 'get_server') &&
        result.structuredContent?.ok === true && result.structuredContent.data?.results?.length === 2;
      checks.push({ suite: 'sdk-v2-client', name: `${MODERN_REVISION} over ${name}`, passed: ok, detail: `${client.getNegotiatedProtocolVersion()}; ${tools.length} tools; ok=${result.structuredContent?.ok}` });
    } catch (error) {
      checks.push({ suite: 'sdk-v2-client', name: `${MODERN_REVISION} over ${name}`, passed: false, detail: String(error?.message ?? error) });
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  return checks;
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
    for (const suite of SUITES) {
      for (const scenario of suite.scenarios) checks.push(await runScenario(node.binary, tools, suite, scenario, http.url));
    }
    checks.push(...(await modernClientChecks(http.url, server)));
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
    for (const c of report.checks) process.stdout.write(`  ${c.passed ? 'PASS' : 'FAIL'}  ${c.suite.padEnd(27)} ${c.name.padEnd(44)} ${c.detail}\n`);
    process.stdout.write('Not applicable:\n');
    for (const [what, why] of Object.entries(INAPPLICABLE)) process.stdout.write(`  ${what}: ${why}\n`);
  }
  const failed = report.checks.filter((c) => !c.passed).length;
  process.stdout.write(`${report.checks.length - failed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

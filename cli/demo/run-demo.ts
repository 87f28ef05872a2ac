import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { TokenStore } from '../../core/auth/token-store.js';
import { connectStdio, type StdioSession } from '../../core/client/stdio-client.js';
import type { Messages } from '../i18n/index.js';
import { println, type CliIo } from '../io.js';
import type { SandboxGeneration } from '../../sandbox/generation.js';
import { LIVE_STEPS, SANDBOX_STEPS, type DemoStep, type Found } from './steps.js';

const BIN = fileURLToPath(new URL('../../../bin/alpacon-mcp.js', import.meta.url));

export interface DemoOptions {
  /** Use the sandbox even when a token is configured. */
  sandbox?: boolean;
  /** Generation the sandbox plays (implies `sandbox`). */
  sandboxGeneration?: SandboxGeneration;
  config?: string;
  tokenFile?: string;
}

/**
 * The README's first command: starts the real server over stdio and walks one call of every enabled domain. Against the
 * local sandbox when no token is configured (or with --sandbox); otherwise a read-only tour of the configured workspace.
 * Returns the exit code: non-zero when any step failed.
 */
export async function runDemo(io: CliIo, t: Messages, options: DemoOptions): Promise<number> {
  const configured = new TokenStore({ tokenFile: options.tokenFile, env: io.env, cwd: io.cwd, home: io.home }).list();
  const live = !options.sandbox && options.sandboxGeneration === undefined && configured.length > 0;
  const workDir = await mkdtemp(path.join(tmpdir(), 'alpacon-mcp-demo-'));
  const sandbox = live ? undefined : await (await import('../../sandbox/index.js')).startSandbox({ servers: 5, generation: options.sandboxGeneration });
  let session: StdioSession | undefined;
  try {
    const env: Record<string, string> = { ...definedEnv(io.env) };
    const args = [BIN];
    if (sandbox) {
      env.ALPACON_MCP_BASE_URL = sandbox.url;
      env[tokenEnvName(sandbox.region, sandbox.workspace)] = sandbox.token;
      delete env.ALPACON_MCP_TOKEN_FILE;
      const rc = path.join(workDir, 'alpaconrc.json');
      await writeFile(rc, JSON.stringify({ plugins: ['all'], defaultWorkspace: sandbox.workspace, webftp: { localRoots: [workDir] }, logLevel: 'warn' }));
      args.push('--config', rc, '--token-file', path.join(workDir, 'no-token-file.json'));
      println(io.stdout, t.demoSandbox(sandbox.url, sandbox.workspace, sandbox.generation));
    } else {
      if (options.config) args.push('--config', options.config);
      if (options.tokenFile) args.push('--token-file', options.tokenFile);
      println(io.stdout, t.demoLive);
    }
    session = await connectStdio(process.execPath, args, { env, cwd: io.cwd });
    const enabled = new Set((await session.listTools()).map((tool) => tool.name));
    println(io.stdout, t.demoTools(enabled.size));
    const steps = (live ? LIVE_STEPS : SANDBOX_STEPS)
      .filter((step) => enabled.has(step.tool) && !(step.currentOnly === true && sandbox?.generation === '2024'));
    // A live tour addresses the first configured workspace explicitly; the sandbox run has it as the default.
    const target: Record<string, string> = live ? { workspace: configured[0].workspace, region: configured[0].region } : {};
    const failures = await walk(session, steps, { workDir }, target, io, t);
    println(io.stdout, failures === 0 ? t.demoDone(steps.length) : t.demoFailed(failures, steps.length));
    return failures === 0 ? 0 : 1;
  } finally {
    await session?.close();
    await sandbox?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function walk(session: StdioSession, steps: DemoStep[], found: Found, target: Record<string, string>, io: CliIo, t: Messages): Promise<number> {
  let failures = 0;
  for (const [index, step] of steps.entries()) {
    const started = Date.now();
    const outcome = await session.call(step.tool, { ...(step.tool === 'list_workspaces' ? {} : target), ...step.args(found) });
    const ms = Date.now() - started;
    const label = `${String(index + 1).padStart(2)}. ${step.tool}`.padEnd(34);
    if (outcome.ok) {
      println(io.stdout, `${label} ✓ ${step.describe(outcome.data, found, t.demoStep)} (${ms} ms)`);
    } else {
      failures += 1;
      println(io.stdout, `${label} ✗ [${outcome.error?.code}] ${outcome.error?.message ?? ''}`);
      if (outcome.error?.hint) println(io.stdout, `${' '.repeat(37)}${t.demoHint}: ${outcome.error.hint}`);
    }
  }
  return failures;
}

function definedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

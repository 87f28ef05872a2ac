import { Command, InvalidArgumentError } from 'commander';
import type { Writable } from 'node:stream';
import { tokenEnvName } from '../core/auth/token-env.js';
import { parseFaults } from './http/faults.js';
import { isSandboxGeneration, SANDBOX_GENERATIONS, type SandboxGeneration } from './generation.js';
import { startSandbox, type Sandbox } from './index.js';
import { en } from '../cli/i18n/en.js';

export interface SandboxCliIo {
  stdout?: Writable;
  stderr?: Writable;
  /** Stops the sandbox when aborted (tests); SIGINT/SIGTERM always do. */
  signal?: AbortSignal;
  /** Called once the sandbox listens. */
  onReady?: (sandbox: Sandbox) => void;
  /** What it prints, in the user's language (the alpacon-mcp command line passes its catalogue). */
  text?: SandboxCliText;
}

export interface SandboxCliText {
  listening(url: string): string;
  workspace: string;
  region: string;
  token: string;
  servers: string;
  generation: string;
  pointAt: string;
  stopped: string;
}


function integer(min: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min) throw new InvalidArgumentError(`expected an integer >= ${min}`);
    return number;
  };
}

/** Commander parser for `--generation` / `--sandbox-generation`: one of SANDBOX_GENERATIONS, else a clear usage error. */
export function generationArgument(value: string): SandboxGeneration {
  if (isSandboxGeneration(value)) return value;
  throw new InvalidArgumentError(`expected one of ${SANDBOX_GENERATIONS.join(', ')} (not "${value}")`);
}

/** Parses the sandbox options, starts it, prints how to reach it, and runs until SIGINT/SIGTERM. */
export async function runSandboxCli(argv: string[], io: SandboxCliIo = {}): Promise<void> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const program = new Command('alpacon-mcp sandbox')
    .description('Run a local Alpacon workspace simulator')
    .option('--port <n>', 'port to listen on (0 = any free port)', integer(0), 0)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--servers <n>', 'number of simulated servers', integer(1), 5)
    .option('--workspace <name>', 'workspace name', 'sandbox')
    .option('--region <region>', 'region', 'ap1')
    .option('--token <token>', 'API token accepted by the sandbox', 'sandbox-token')
    .option('--seed <n>', 'seed of the world', integer(0), 42)
    .option('--faults <list>', 'faults, e.g. latency=50,error5xx=0.1,rate429=0.05,reset=0.01,timeout=0.01', '')
    .option('--mfa-required', 'answer every request with auth_mfa_required', false)
    .option('--command-step-ms <n>', 'duration of each command state transition', integer(0), 200)
    .option('--generation <name>', `server generation to play: ${SANDBOX_GENERATIONS.join(' or ')} (current = today's service)`, generationArgument, 'current')
    .exitOverride()
    .configureOutput({ writeOut: (text) => stdout.write(text), writeErr: (text) => stderr.write(text) });
  program.parse(argv, { from: 'user' });
  const options = program.opts<{
    port: number; host: string; servers: number; workspace: string; region: string; token: string; seed: number;
    faults: string; mfaRequired: boolean; commandStepMs: number; generation: SandboxGeneration;
  }>();
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(options.workspace)) throw new InvalidArgumentError(`invalid workspace "${options.workspace}"`);
  const sandbox = await startSandbox({
    port: options.port, host: options.host, servers: options.servers, workspace: options.workspace, region: options.region,
    token: options.token, seed: options.seed, faults: parseFaults(options.faults), mfaRequired: options.mfaRequired,
    commandStepMs: options.commandStepMs, generation: options.generation,
  });
  const text = io.text ?? en.sandboxCli;
  const label = (name: string) => `${name}:`.padEnd(Math.max(text.workspace.length, text.region.length, text.token.length, text.servers.length, text.generation.length) + 2);
  stdout.write([
    text.listening(sandbox.url),
    `${label(text.workspace)}${sandbox.workspace}`,
    `${label(text.region)}${sandbox.region}`,
    `${label(text.token)}${sandbox.token}`,
    `${label(text.servers)}${sandbox.world.servers.size}`,
    `${label(text.generation)}${sandbox.generation}`,
    '',
    text.pointAt,
    `ALPACON_MCP_BASE_URL=${sandbox.url}`,
    `${tokenEnvName(sandbox.region, sandbox.workspace)}=${sandbox.token}`,
    '',
  ].join('\n'));
  io.onReady?.(sandbox);
  await new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      io.signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (io.signal?.aborted) done();
    io.signal?.addEventListener('abort', done);
  });
  await sandbox.stop();
  stderr.write(`${text.stopped}\n`);
}

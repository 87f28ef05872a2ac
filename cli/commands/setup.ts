import path from 'node:path';
import type { Writable } from 'node:stream';
import { loadCliConfig } from '../cli-config.js';
import {
  claudeCodeCommand,
  claudeDesktopConfigFile,
  cursorInstallLink,
  launchCommand,
  mcpServersJson,
  vscodeAddMcpCommand,
  vscodeInstallLink,
  vscodeJson,
} from '../client-config.js';
import { ExitCode, type CliContext } from '../context.js';
import { println } from '../io.js';
import { explicitTokenFile, isDefaultSearched, writeTargetFile } from '../token-files.js';
import { runWizard, type WizardOutcome } from '../wizard.js';

export interface SaveOptions {
  local?: boolean;
  region?: string;
  workspace?: string;
  tokenStdin?: boolean;
  test?: boolean;
}

/** `setup`: the wizard, then the configuration to paste into each MCP client. `add`: the wizard alone. */
export async function runSetup(ctx: CliContext, options: SaveOptions, mode: 'setup' | 'add'): Promise<number> {
  const config = await loadCliConfig(ctx);
  const file = writeTargetFile(ctx, { local: options.local, tokenFile: explicitTokenFile(ctx, config.tokenFile) });
  const token = options.tokenStdin ? await readAll(ctx.io.stdin) : undefined;
  const outcome = await runWizard(ctx, {
    file,
    region: options.region,
    workspace: options.workspace,
    token,
    test: options.test !== false,
    baseUrl: config.baseUrl,
    out: ctx.io.stdout,
    title: mode === 'setup',
  });
  if (outcome.status === 'saved' && mode === 'setup') printClientConfigs(ctx, file);
  return exitCodeOf(ctx, outcome);
}

function exitCodeOf(ctx: CliContext, outcome: WizardOutcome): number {
  switch (outcome.status) {
    case 'cancelled':
      return ExitCode.Cancelled;
    case 'refused':
      return ExitCode.Failed;
    case 'kept':
      return ExitCode.Ok;
    case 'saved':
      if (outcome.check && !outcome.check.ok) {
        println(ctx.io.stdout, ctx.t.readyWithProblem);
        return ExitCode.Failed;
      }
      println(ctx.io.stdout, ctx.t.readyDone);
      return ExitCode.Ok;
  }
}

function printClientConfigs(ctx: CliContext, file: string): void {
  const { t, io } = ctx;
  const launch = launchCommand({
    tokenFile: isDefaultSearched(ctx, file) ? undefined : file,
    configFile: ctx.global.config ? path.resolve(io.cwd, ctx.global.config) : undefined,
    baseUrl: io.env.ALPACON_MCP_BASE_URL || undefined,
  });
  const out = io.stdout;
  println(out);
  println(out, t.clientTitle);
  section(out, t.clientDesktop(claudeDesktopConfigFile(process.platform, io.home, io.env)), mcpServersJson(launch));
  section(out, t.clientCode, claudeCodeCommand(launch));
  section(out, t.clientCursor, mcpServersJson(launch));
  section(out, t.clientCursorLink, cursorInstallLink(launch));
  section(out, t.clientVscode, vscodeJson(launch));
  section(out, t.clientVscodeLink, vscodeInstallLink(launch));
  section(out, t.clientVscodeCli, vscodeAddMcpCommand(launch));
  println(out);
}

function section(out: Writable, title: string, body: string): void {
  println(out);
  println(out, `■ ${title}`);
  println(out, body);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

import type { Writable } from 'node:stream';
import { TokenStore } from '../core/auth/index.js';
import { DEFAULT_REGION, REGIONS } from '../core/dto/index.js';
import { printCheck } from './check-report.js';
import { checkConnection, type CheckResult } from './connection-check.js';
import { CliUsageError, type CliContext } from './context.js';
import { requireRegion, requireToken, requireWorkspace, tokenRule, workspaceRule } from './input-rules.js';
import { println } from './io.js';
import { createPrompter, PromptCancelled, type Prompter } from './prompter.js';
import { backUpCorruptFile, backupName, inspectTokenFile } from './token-files.js';

export interface WizardOptions {
  /** The token file to write. */
  file: string;
  /** Answers given as options; the rest are asked (in a terminal) or refused (without one). */
  region?: string;
  workspace?: string;
  token?: string;
  test: boolean;
  baseUrl?: string;
  /** Where the wizard talks: stdout for `setup`/`add`, stderr before serving (stdout is the MCP transport then). */
  out: Writable;
  title?: boolean;
  signal?: AbortSignal;
}

export type WizardOutcome =
  | { status: 'saved'; region: string; workspace: string; file: string; check?: CheckResult }
  | { status: 'cancelled' }
  | { status: 'kept' }
  | { status: 'refused' };

/**
 * Asks region, workspace and token, then saves and tests. Everything is asked before anything is written,
 * so Ctrl-C at any prompt leaves every file as it was.
 */
export async function runWizard(ctx: CliContext, options: WizardOptions): Promise<WizardOutcome> {
  const { t } = ctx;
  const { out, file } = options;
  const prompter = ctx.io.interactive ? createPrompter(ctx.io, out, options.signal) : undefined;
  if (options.title) println(out, t.wizardTitle);
  println(out, t.wizardTarget(file));
  try {
    const region = options.region !== undefined ? requireRegion(t, options.region)
      : prompter ? await prompter.select(t.askRegion, REGIONS.map((r) => ({ value: r })), DEFAULT_REGION) : DEFAULT_REGION;
    const workspace = options.workspace !== undefined ? requireWorkspace(t, options.workspace)
      : await ask(prompter, t.missingInNonInteractive('--workspace'), (p) => p.text(t.askWorkspace, workspaceRule(t)));
    const token = options.token !== undefined ? requireToken(t, options.token)
      : await ask(prompter, t.missingInNonInteractive('--token-stdin'), (p) => p.secret(t.askToken, tokenRule(t)));

    const state = inspectTokenFile(file);
    let backUp = false;
    if (state.state === 'corrupt') {
      println(ctx.io.stderr, t.corruptFile(file, state.reason));
      backUp = prompter ? await prompter.confirm(t.askBackup(backupName(file)), false) : false;
      if (!backUp) {
        println(ctx.io.stderr, t.corruptRefused);
        return { status: 'refused' };
      }
    } else if (state.state === 'ok' && state.content[region]?.[workspace] && prompter) {
      if (!(await prompter.confirm(t.askReplace(region, workspace, file), false))) {
        println(out, t.keptExisting);
        return { status: 'kept' };
      }
    }

    if (backUp) println(out, t.backedUp(await backUpCorruptFile(file)));
    const store = new TokenStore({ tokenFile: file, cwd: ctx.io.cwd, home: ctx.io.home, env: {} });
    await store.save(region, workspace, token, file);
    println(out, t.saved(region, workspace, file));
    if (!options.test) return { status: 'saved', region, workspace, file };
    println(out, t.testing(region, workspace));
    const check = await checkConnection(store, region, workspace, { baseUrl: options.baseUrl });
    printCheck(out, t, check);
    return { status: 'saved', region, workspace, file, check };
  } catch (error) {
    if (!(error instanceof PromptCancelled)) throw error;
    println(out);
    println(out, t.cancelled);
    return { status: 'cancelled' };
  }
}

async function ask<T>(prompter: Prompter | undefined, missing: string, question: (p: Prompter) => Promise<T>): Promise<T> {
  if (!prompter) throw new CliUsageError(missing);
  return question(prompter);
}

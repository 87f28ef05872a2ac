import path from 'node:path';
import { DEFAULT_REGION } from '../../core/dto/index.js';
import { loadCliConfig } from '../cli-config.js';
import { CliUsageError, ExitCode, type CliContext } from '../context.js';
import { requireRegion, requireWorkspace } from '../input-rules.js';
import { println } from '../io.js';
import { createPrompter, PromptCancelled } from '../prompter.js';
import { explicitTokenFile, openTokenStore, reportCorruptFiles } from '../token-files.js';

export interface RemoveOptions {
  local?: boolean;
  region?: string;
  workspace?: string;
}

/**
 * `remove`: deletes one region/workspace from the token file that holds it (or the file named by --local / --token-file).
 * In a terminal without --workspace, offers the stored workspaces to choose from.
 */
export async function runRemove(ctx: CliContext, options: RemoveOptions): Promise<number> {
  const { t, io } = ctx;
  const config = await loadCliConfig(ctx);
  const explicit = options.local ? path.join(io.cwd, 'config', 'token.json') : explicitTokenFile(ctx, config.tokenFile);
  const store = openTokenStore(ctx, explicit);
  if (reportCorruptFiles(ctx, store.searchedFiles())) return ExitCode.Failed;

  let region: string;
  let workspace: string;
  if (options.workspace !== undefined) {
    workspace = requireWorkspace(t, options.workspace);
    region = requireRegion(t, options.region ?? DEFAULT_REGION);
  } else if (io.interactive) {
    const stored = store.list().filter((e) => e.source.kind === 'file');
    if (stored.length === 0) {
      println(io.stdout, t.nothingToRemove);
      return ExitCode.Ok;
    }
    try {
      const choices = stored.map((e) => ({ value: `${e.region}/${e.workspace}` }));
      [region, workspace] = (await createPrompter(io, io.stdout).select(t.askWhichRemove, choices)).split('/');
    } catch (error) {
      if (!(error instanceof PromptCancelled)) throw error;
      println(io.stdout, t.cancelled);
      return ExitCode.Cancelled;
    }
  } else {
    throw new CliUsageError(t.missingInNonInteractive('--workspace'));
  }

  const found = store.lookup(region, workspace);
  if (found?.source.kind === 'env') {
    println(io.stdout, t.fromEnvOnly(found.source.name));
    return ExitCode.Failed;
  }
  const file = found?.source.kind === 'file' ? found.source.path : store.writeTarget();
  if (!(await store.remove(region, workspace, file))) {
    println(io.stdout, t.notInFile(region, workspace, file));
    return ExitCode.Failed;
  }
  println(io.stdout, t.removed(region, workspace, file));
  return ExitCode.Ok;
}

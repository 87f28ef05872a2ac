import { loadCliConfig } from '../cli-config.js';
import { ExitCode, type CliContext } from '../context.js';
import { println } from '../io.js';
import { explicitTokenFile, openTokenStore, reportCorruptFiles, writeTargetFile } from '../token-files.js';

/**
 * Before serving from a terminal with no workspace configured: run the setup wizard, talking on stderr
 * (stdout belongs to the MCP transport). Returns an exit code when the program should stop instead of serving.
 * Launched by an MCP client (no terminal), this never prompts; the server answers tools with not_configured.
 */
export async function firstRunSetup(ctx: CliContext): Promise<number | undefined> {
  if (!ctx.io.interactive || ctx.global.sandbox) return undefined;
  const config = await loadCliConfig(ctx);
  const tokenFile = explicitTokenFile(ctx, config.tokenFile);
  const store = openTokenStore(ctx, tokenFile);
  if (reportCorruptFiles(ctx, store.searchedFiles())) return ExitCode.Failed;
  if (store.hasAny()) return undefined;
  const out = ctx.io.stderr;
  println(out, ctx.t.serveWizardIntro);
  // The wizard (and its prompt library) is imported only when it runs: serving never pays for it.
  const { runWizard } = await import('../wizard.js');
  const outcome = await runWizard(ctx, { file: writeTargetFile(ctx, { tokenFile }), test: true, baseUrl: config.baseUrl, out, title: true });
  if (outcome.status === 'cancelled') return ExitCode.Cancelled;
  if (outcome.status === 'refused') return ExitCode.Failed;
  println(out, ctx.t.serveStarting);
  return undefined;
}

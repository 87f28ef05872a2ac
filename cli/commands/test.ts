import { loadCliConfig } from '../cli-config.js';
import { printCheck } from '../check-report.js';
import { checkConnection } from '../connection-check.js';
import { ExitCode, type CliContext } from '../context.js';
import { println } from '../io.js';
import { explicitTokenFile, openTokenStore, reportCorruptFiles } from '../token-files.js';

/** `test`: asks every configured workspace who its token acts as; exit 1 when any fails or none is configured. */
export async function runTest(ctx: CliContext): Promise<number> {
  const { t, io } = ctx;
  const config = await loadCliConfig(ctx);
  const store = openTokenStore(ctx, explicitTokenFile(ctx, config.tokenFile));
  if (reportCorruptFiles(ctx, store.searchedFiles())) return ExitCode.Failed;
  const entries = store.list();
  if (entries.length === 0) {
    println(io.stdout, t.noneConfigured);
    println(io.stdout, t.howToConfigure);
    return ExitCode.Failed;
  }
  const results = await Promise.all(
    entries.map((e) => checkConnection(store, e.region, e.workspace, { baseUrl: config.baseUrl, timeoutMs: config.http.timeoutMs })),
  );
  for (const result of results) printCheck(io.stdout, t, result);
  const failed = results.filter((r) => !r.ok).length;
  println(io.stdout, t.testSummary(results.length - failed, failed));
  return failed > 0 ? ExitCode.Failed : ExitCode.Ok;
}

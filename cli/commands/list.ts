import type { TokenEntry, TokenSource } from '../../core/auth/index.js';
import { maskToken } from '../../core/security/secrets.js';
import { loadCliConfig } from '../cli-config.js';
import { ExitCode, type CliContext } from '../context.js';
import type { Messages } from '../i18n/index.js';
import { println } from '../io.js';
import { explicitTokenFile, inspectTokenFile, openTokenStore, writeTargetFile } from '../token-files.js';

/** `list`: workspaces by region with the token's source and a masked token, then the token files and which are in use. */
export async function runList(ctx: CliContext): Promise<number> {
  const { t, io } = ctx;
  const config = await loadCliConfig(ctx);
  const tokenFile = explicitTokenFile(ctx, config.tokenFile);
  const store = openTokenStore(ctx, tokenFile);
  const files = store.searchedFiles();
  const states = files.map((file) => ({ file, state: inspectTokenFile(file) }));
  const corrupt = states.some((s) => s.state.state === 'corrupt');

  println(io.stdout, t.listTitle);
  const entries = corrupt ? [] : store.list();
  if (corrupt) {
    for (const s of states) if (s.state.state === 'corrupt') println(io.stderr, t.corruptFile(s.file, s.state.reason));
  } else if (entries.length === 0) {
    println(io.stdout, `  ${t.noneConfigured}`);
    println(io.stdout, `  ${t.howToConfigure}`);
  }
  for (const [region, inRegion] of byRegion(entries)) {
    println(io.stdout, t.listRegion(region));
    for (const entry of inRegion) {
      const token = store.lookup(entry.region, entry.workspace)?.token ?? '';
      println(io.stdout, t.listRow(entry.workspace, describeSource(t, entry.source), maskToken(token)));
    }
  }

  println(io.stdout);
  println(io.stdout, t.filesTitle);
  states.forEach(({ file, state }, i) => println(io.stdout, `  ${i + 1}. ${file}  (${fileStatus(t, state)})`));
  println(io.stdout, t.writeTarget(writeTargetFile(ctx, { tokenFile })));
  return corrupt ? ExitCode.Failed : ExitCode.Ok;
}

function byRegion(entries: readonly TokenEntry[]): Map<string, TokenEntry[]> {
  const groups = new Map<string, TokenEntry[]>();
  for (const entry of entries) groups.set(entry.region, [...(groups.get(entry.region) ?? []), entry]);
  return groups;
}

function describeSource(t: Messages, source: TokenSource): string {
  return source.kind === 'file' ? t.sourceFile(source.path) : t.sourceEnv(source.name);
}

function fileStatus(t: Messages, state: ReturnType<typeof inspectTokenFile>): string {
  if (state.state === 'missing') return t.fileMissing;
  if (state.state === 'corrupt') return t.fileCorrupt;
  const hasTokens = Object.values(state.content).some((workspaces) => Object.values(workspaces).some(Boolean));
  return hasTokens ? t.fileInUse : t.fileEmpty;
}

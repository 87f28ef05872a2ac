import { promises as fs } from 'node:fs';
import path from 'node:path';
import { defaultTokenFile, expandHome, readTokenFile, TokenStore, type TokenFileContent } from '../core/auth/index.js';
import { isAlpaconMcpError } from '../core/errors/index.js';
import type { CliContext } from './context.js';

/**
 * The token file a command writes: `--local` (./config/token.json), then the explicit token file
 * (--token-file, ALPACON_MCP_TOKEN_FILE or the config's tokenFile), then ~/.alpacon-mcp/token.json.
 */
export function writeTargetFile(ctx: CliContext, options: { local?: boolean; tokenFile?: string }): string {
  const { cwd, home } = ctx.io;
  if (options.local) return path.join(cwd, 'config', 'token.json');
  return options.tokenFile ? path.resolve(cwd, expandHome(options.tokenFile, home)) : defaultTokenFile(home);
}

/** --token-file wins over the configuration (which already carries ALPACON_MCP_TOKEN_FILE). */
export function explicitTokenFile(ctx: CliContext, configTokenFile?: string): string | undefined {
  return ctx.global.tokenFile ?? configTokenFile ?? (ctx.io.env.ALPACON_MCP_TOKEN_FILE || ctx.io.env.ALPACON_MCP_CONFIG_FILE || undefined);
}

/** The token store the server would use, seen from this command line's folders and environment. */
export function openTokenStore(ctx: CliContext, tokenFile: string | undefined): TokenStore {
  return new TokenStore({ tokenFile, cwd: ctx.io.cwd, home: ctx.io.home, env: ctx.io.env });
}

/** True when the server finds this file without being told (the default search). */
export function isDefaultSearched(ctx: CliContext, file: string): boolean {
  return file === defaultTokenFile(ctx.io.home);
}

export type TokenFileState =
  | { state: 'missing' }
  | { state: 'ok'; content: TokenFileContent }
  | { state: 'corrupt'; reason: string };

/** Reads a token file without throwing: missing, usable, or corrupt with the reason. */
export function inspectTokenFile(file: string): TokenFileState {
  try {
    const content = readTokenFile(file);
    return content ? { state: 'ok', content } : { state: 'missing' };
  } catch (error) {
    if (!isAlpaconMcpError(error)) throw error;
    const prefix = `${file}: `;
    const reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return { state: 'corrupt', reason };
  }
}

/** Where a corrupt file is moved before a new one is written: beside it, stamped with the time, never over another backup. */
export function backupName(file: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${file}.corrupt-${stamp}.bak`;
}

/** Moves the corrupt file aside (rename keeps its mode 0600); returns the backup path. */
export async function backUpCorruptFile(file: string): Promise<string> {
  let backup = backupName(file);
  for (let n = 2; await exists(backup); n += 1) backup = `${backupName(file)}.${n}`;
  await fs.rename(file, backup);
  return backup;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** Prints each corrupt file with its path and reason on stderr; true when there was one (the caller stops, writing nothing). */
export function reportCorruptFiles(ctx: CliContext, files: readonly string[]): boolean {
  let found = false;
  for (const file of files) {
    const state = inspectTokenFile(file);
    if (state.state !== 'corrupt') continue;
    found = true;
    ctx.io.stderr.write(`${ctx.t.corruptFile(file, state.reason)}\n`);
  }
  return found;
}

import { promises as fs, statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError } from '../errors/index.js';

/**
 * One workspace in token.json: the token itself, or the Python server's object form `{"token": "...", "url": "https://..."}`
 * that pins the workspace's API URL (either key may be left out; other keys are ignored, as there).
 */
export type TokenFileEntry = string | { token?: string; url?: string };

/** token.json: `{ "<region>": { "<workspace>": "<token>" | {"token": "<token>", "url": "<url>"} } }` */
export type TokenFileContent = Record<string, Record<string, TokenFileEntry>>;

export function entryToken(entry: TokenFileEntry | undefined): string | undefined {
  const token = typeof entry === 'string' ? entry : entry?.token;
  return token ? token : undefined;
}

export function entryUrl(entry: TokenFileEntry | undefined): string | undefined {
  const url = typeof entry === 'object' ? entry.url?.trim() : undefined;
  return url ? url : undefined;
}

/** The entry with a new token; a pinned URL stays. */
export function withToken(entry: TokenFileEntry | undefined, token: string): TokenFileEntry {
  return typeof entry === 'object' && entryUrl(entry) ? { ...entry, token } : token;
}

export function readTokenFile(file: string): TokenFileContent | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read the token file: ${(error as Error).message}`, file);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError('the token file is not valid JSON', file, 'Fix or remove the file, then run "alpacon-mcp add" again.');
  }
  if (!isTokenFileContent(parsed)) {
    throw new ConfigError(
      'the token file must look like {"<region>": {"<workspace>": "<token>"}} (or {"token": "<token>", "url": "<url>"} per workspace)',
      file,
      'Fix or remove the file, then run "alpacon-mcp add" again.',
    );
  }
  return parsed;
}

export function isTokenFileContent(value: unknown): value is TokenFileContent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (ws) => typeof ws === 'object' && ws !== null && !Array.isArray(ws) && Object.values(ws).every(isTokenFileEntry),
  );
}

function isTokenFileEntry(value: unknown): value is TokenFileEntry {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { token, url } = value as Record<string, unknown>;
  return (token === undefined || typeof token === 'string') && (url === undefined || typeof url === 'string');
}

/** True when group or others may read the file (it should be 0600). */
export function isTooOpen(file: string): boolean {
  if (process.platform === 'win32') return false;
  try {
    return (statSync(file).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

/** Writes the token file atomically: a temp file in the same folder (mode 0600), then rename. Folder mode 0700. */
export async function writeTokenFile(file: string, content: TokenFileContent): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(content, null, 2) + '\n', 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(temp, 0o600);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

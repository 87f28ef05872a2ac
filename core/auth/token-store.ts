import os from 'node:os';
import path from 'node:path';
import { ConfigError, TokenMissingError } from '../errors/index.js';
import type { Logger } from '../logger.js';
import { registerSecret } from '../security/secrets.js';
import { credentialKind, type CredentialKind, tokenSourceEnvName } from './login-credential.js';
import { ENV_PREFIX, envNameCandidates, parseTokenEnvName, sameWorkspace, SINGLE_TOKEN_ENV, singleEnvToken } from './token-env.js';
import { entryToken, entryUrl, isTooOpen, readTokenFile, withToken, writeTokenFile, type TokenFileContent } from './token-file.js';

export type TokenSource = { kind: 'file'; path: string } | { kind: 'env'; name: string };

export interface TokenEntry {
  region: string;
  workspace: string;
  source: TokenSource;
}

export interface TokenStoreOptions {
  /** Replaces the file search (--token-file, ALPACON_MCP_TOKEN_FILE, config tokenFile). */
  tokenFile?: string;
  cwd?: string;
  home?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}

/**
 * Finds API tokens: `./config/token.json`, then `~/.alpacon-mcp/token.json`, then `ALPACON_MCP_<REGION>_<WORKSPACE>_TOKEN`,
 * then `ALPACON_MCP_TOKEN` for the one workspace named by `ALPACON_MCP_WORKSPACE` / `ALPACON_MCP_REGION`; and pinned workspace
 * URLs: `ALPACON_MCP_<REGION>_<WORKSPACE>_URL`, then a file entry's `url`.
 * Token values never leave this class except to the HTTP client, and are registered for redaction on sight.
 */
export class TokenStore {
  private readonly files: string[];
  private readonly env: NodeJS.ProcessEnv;
  private cache = new Map<string, TokenFileContent | undefined>();
  private warned = new Set<string>();

  constructor(private readonly options: TokenStoreOptions = {}) {
    const cwd = options.cwd ?? process.cwd();
    this.env = options.env ?? process.env;
    this.files = options.tokenFile
      ? [path.resolve(cwd, expandHome(options.tokenFile, options.home))]
      : [path.join(cwd, 'config', 'token.json'), defaultTokenFile(options.home)];
  }

  /** The files searched, in order. */
  searchedFiles(): readonly string[] {
    return this.files;
  }

  /** Where `save` writes: the explicit token file, else the user's `~/.alpacon-mcp/token.json`. */
  writeTarget(): string {
    return this.options.tokenFile ? this.files[0] : defaultTokenFile(this.options.home);
  }

  lookup(region: string, workspace: string): { token: string; source: TokenSource } | undefined {
    for (const file of this.files) {
      const token = entryToken(this.read(file)?.[region]?.[workspace]);
      if (token) return this.found(token, { kind: 'file', path: file });
    }
    const name = envNameCandidates(region, workspace, 'TOKEN').find((candidate) => this.env[candidate]);
    if (name) return this.found(this.env[name] as string, { kind: 'env', name });
    const single = singleEnvToken(this.env);
    return single?.region === region && single.workspace === workspace
      ? this.found(single.token, { kind: 'env', name: SINGLE_TOKEN_ENV.token })
      : undefined;
  }

  /** Whether the credential for this pair is a JWT, a login-issued token or an API token (see login-credential.ts). */
  credentialKind(region: string, workspace: string): CredentialKind {
    return credentialKind(this.require(region, workspace), this.env[tokenSourceEnvName(region, workspace)]);
  }

  /**
   * The API URL pinned for a workspace (Python server's precedence: the environment, then the token file entry), normalized:
   * `https://` added when no scheme is given, no trailing slash. Undefined when the URL is derived from the template.
   */
  pinnedUrl(region: string, workspace: string): string | undefined {
    const name = envNameCandidates(region, workspace, 'URL').find((candidate) => this.env[candidate]?.trim());
    const fromFiles = () => this.files.map((file) => entryUrl(this.read(file)?.[region]?.[workspace])).find(Boolean);
    const url = (name ? this.env[name]?.trim() : undefined) ?? fromFiles();
    if (!url) return undefined;
    const normalized = normalizePinnedUrl(url);
    if (!/^https?:\/\/[^/]/.test(normalized)) {
      throw new ConfigError(`the pinned URL of ${region}/${workspace} must be an http(s) URL`, name ?? 'token file', 'Fix the "url" of that workspace.');
    }
    return normalized;
  }

  /** The one region a workspace has a token in, so calls may leave `region` out; undefined when none or several. */
  regionOf(workspace: string): string | undefined {
    const regions = new Set<string>();
    for (const file of this.files) {
      for (const [region, workspaces] of Object.entries(this.read(file) ?? {})) if (entryToken(workspaces[workspace])) regions.add(region);
    }
    for (const variable of this.tokenVariables()) if (sameWorkspace(variable.workspace, workspace)) regions.add(variable.region);
    const single = singleEnvToken(this.env);
    if (single?.workspace === workspace) regions.add(single.region);
    return regions.size === 1 ? [...regions][0] : undefined;
  }

  require(region: string, workspace: string): string {
    const hit = this.lookup(region, workspace);
    if (!hit) throw new TokenMissingError(region, workspace);
    return hit.token;
  }

  /** Every configured pair with where its token comes from; the first source wins, as in lookup. */
  list(): TokenEntry[] {
    const entries = new Map<string, TokenEntry>();
    const add = (region: string, workspace: string, source: TokenSource) => {
      const key = `${region}/${workspace}`;
      if (!entries.has(key)) entries.set(key, { region, workspace, source });
    };
    for (const file of this.files) {
      for (const [region, workspaces] of Object.entries(this.read(file) ?? {})) {
        for (const [workspace, entry] of Object.entries(workspaces)) if (entryToken(entry)) add(region, workspace, { kind: 'file', path: file });
      }
    }
    for (const { name, region, workspace } of this.tokenVariables()) add(region, workspace, { kind: 'env', name });
    const single = singleEnvToken(this.env);
    if (single) add(single.region, single.workspace, { kind: 'env', name: SINGLE_TOKEN_ENV.token });
    return [...entries.values()].sort((a, b) => `${a.region}/${a.workspace}`.localeCompare(`${b.region}/${b.workspace}`));
  }

  /** Checked on every tool call, so it stops at the first token found instead of listing them all. */
  hasAny(): boolean {
    const inFile = (file: string) => Object.values(this.read(file) ?? {}).some((workspaces) => Object.values(workspaces).some((e) => entryToken(e)));
    return (
      this.files.some(inFile) ||
      this.tokenVariables().length > 0 ||
      singleEnvToken(this.env) !== undefined
    );
  }

  async save(region: string, workspace: string, token: string, file = this.writeTarget()): Promise<string> {
    registerSecret(token);
    const content = this.copyOf(file) ?? {};
    content[region] = { ...(content[region] ?? {}), [workspace]: withToken(content[region]?.[workspace], token) };
    await writeTokenFile(file, content);
    this.cache.delete(file);
    return file;
  }

  /** Removes a pair from a file; returns false when it was not there. */
  async remove(region: string, workspace: string, file = this.writeTarget()): Promise<boolean> {
    const content = this.copyOf(file);
    if (!content?.[region]?.[workspace]) return false;
    delete content[region][workspace];
    if (Object.keys(content[region]).length === 0) delete content[region];
    await writeTokenFile(file, content);
    this.cache.delete(file);
    return true;
  }

  /** Forget cached file contents (after another process changed them). */
  reload(): void {
    this.cache.clear();
  }

  /**
   * The ALPACON_MCP_<REGION>_<WORKSPACE>_TOKEN variables that hold a value. Looked up on every tool call: names are screened
   * by prefix first, since most of an environment is not ours (no copy of the whole environment per call).
   */
  private tokenVariables(): { name: string; region: string; workspace: string }[] {
    const found: { name: string; region: string; workspace: string }[] = [];
    for (const name in this.env) {
      if (!name.startsWith(ENV_PREFIX) || !Object.hasOwn(this.env, name) || !this.env[name]) continue;
      const parsed = parseTokenEnvName(name);
      if (parsed) found.push({ name, ...parsed });
    }
    return found;
  }

  /** A file's content to change and write back; readers share the cached one. */
  private copyOf(file: string): TokenFileContent | undefined {
    const content = this.read(file);
    return content ? structuredClone(content) : undefined;
  }

  /** A file's cached content, read-only (looked up several times on every call, so not copied). */
  private read(file: string): Readonly<TokenFileContent> | undefined {
    if (!this.cache.has(file)) {
      const content = readTokenFile(file);
      if (content) {
        for (const workspaces of Object.values(content)) {
          for (const entry of Object.values(workspaces)) {
            const token = entryToken(entry);
            if (token) registerSecret(token);
          }
        }
        if (isTooOpen(file) && !this.warned.has(file)) {
          this.warned.add(file);
          this.options.logger?.warn(`token file ${file} is readable by group or others; run: chmod 600 ${file}`);
        }
      }
      this.cache.set(file, content);
    }
    return this.cache.get(file);
  }

  private found(token: string, source: TokenSource) {
    registerSecret(token);
    return { token, source };
  }
}

export function defaultTokenFile(home = os.homedir()): string {
  return path.join(home, '.alpacon-mcp', 'token.json');
}

/** `~/x` as the Python server reads it (a client's config passes the path without a shell to expand it). */
export function expandHome(file: string, home = os.homedir()): string {
  return file === '~' || file.startsWith('~/') ? path.join(home, file.slice(1)) : file;
}

/** As the Python server normalizes a pinned URL: `https://` when no scheme is given, no trailing slash. */
export function normalizePinnedUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  return trimmed.includes('://') ? trimmed : `https://${trimmed}`;
}

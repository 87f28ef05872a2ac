import os from 'node:os';
import path from 'node:path';
import { TokenMissingError } from '../errors/index.js';
import type { Logger } from '../logger.js';
import { registerSecret } from '../security/secrets.js';
import { credentialKind, type CredentialKind, tokenSourceEnvName } from './login-credential.js';
import { parseTokenEnvName, SINGLE_TOKEN_ENV, singleEnvToken, tokenEnvName } from './token-env.js';
import { isTooOpen, readTokenFile, writeTokenFile, type TokenFileContent } from './token-file.js';

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
 * then `ALPACON_MCP_TOKEN` for the one workspace named by `ALPACON_MCP_WORKSPACE` / `ALPACON_MCP_REGION`.
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
      ? [path.resolve(cwd, options.tokenFile)]
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
      const token = this.read(file)?.[region]?.[workspace];
      if (token) return this.found(token, { kind: 'file', path: file });
    }
    const name = tokenEnvName(region, workspace);
    const fromEnv = this.env[name];
    if (fromEnv) return this.found(fromEnv, { kind: 'env', name });
    const single = singleEnvToken(this.env);
    return single?.region === region && single.workspace === workspace
      ? this.found(single.token, { kind: 'env', name: SINGLE_TOKEN_ENV.token })
      : undefined;
  }

  /** Whether the credential for this pair is a JWT, a login-issued token or an API token (see login-credential.ts). */
  credentialKind(region: string, workspace: string): CredentialKind {
    return credentialKind(this.require(region, workspace), this.env[tokenSourceEnvName(region, workspace)]);
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
        for (const [workspace, token] of Object.entries(workspaces)) if (token) add(region, workspace, { kind: 'file', path: file });
      }
    }
    for (const [name, value] of Object.entries(this.env)) {
      const parsed = parseTokenEnvName(name);
      if (parsed && value) add(parsed.region, parsed.workspace, { kind: 'env', name });
    }
    const single = singleEnvToken(this.env);
    if (single) add(single.region, single.workspace, { kind: 'env', name: SINGLE_TOKEN_ENV.token });
    return [...entries.values()].sort((a, b) => `${a.region}/${a.workspace}`.localeCompare(`${b.region}/${b.workspace}`));
  }

  /** Checked on every tool call, so it stops at the first token found instead of listing them all. */
  hasAny(): boolean {
    const inFile = (file: string) => Object.values(this.read(file) ?? {}).some((workspaces) => Object.values(workspaces).some(Boolean));
    return (
      this.files.some(inFile) ||
      Object.entries(this.env).some(([name, value]) => Boolean(value) && parseTokenEnvName(name) !== undefined) ||
      singleEnvToken(this.env) !== undefined
    );
  }

  async save(region: string, workspace: string, token: string, file = this.writeTarget()): Promise<string> {
    registerSecret(token);
    const content = this.read(file) ?? {};
    content[region] = { ...(content[region] ?? {}), [workspace]: token };
    await writeTokenFile(file, content);
    this.cache.delete(file);
    return file;
  }

  /** Removes a pair from a file; returns false when it was not there. */
  async remove(region: string, workspace: string, file = this.writeTarget()): Promise<boolean> {
    const content = this.read(file);
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

  private read(file: string): TokenFileContent | undefined {
    if (!this.cache.has(file)) {
      const content = readTokenFile(file);
      if (content) {
        for (const workspaces of Object.values(content)) for (const token of Object.values(workspaces)) registerSecret(token);
        if (isTooOpen(file) && !this.warned.has(file)) {
          this.warned.add(file);
          this.options.logger?.warn(`token file ${file} is readable by group or others; run: chmod 600 ${file}`);
        }
      }
      this.cache.set(file, content);
    }
    const cached = this.cache.get(file);
    return cached ? structuredClone(cached) : undefined;
  }

  private found(token: string, source: TokenSource) {
    registerSecret(token);
    return { token, source };
  }
}

export function defaultTokenFile(home = os.homedir()): string {
  return path.join(home, '.alpacon-mcp', 'token.json');
}

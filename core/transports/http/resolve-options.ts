import { readFileSync } from 'node:fs';
import type { AlpaconConfig } from '../../config/types.js';
import { ConfigError } from '../../errors/index.js';
import { registerSecret } from '../../security/secrets.js';
import { HTTP_DEFAULTS, parseServerSection, type HttpServeOptions } from './options.js';

export interface HttpFlags {
  host?: string;
  port?: number;
  stateless?: boolean;
  insecure?: boolean;
}

/**
 * Options for `serve --http`: defaults, then `.alpaconrc` `server`, then `ALPACON_MCP_HOST` / `ALPACON_MCP_PORT` (the Python
 * server's names; how a container image binds without changing its command line), then flags. The caller token comes only from
 * ALPACON_MCP_SERVER_TOKEN or the file named by ALPACON_MCP_SERVER_TOKEN_FILE — never from argv, where `ps` would show it.
 */
export function resolveHttpOptions(config: AlpaconConfig, flags: HttpFlags, env: NodeJS.ProcessEnv): HttpServeOptions {
  const fromFile = env.ALPACON_MCP_SERVER_TOKEN_FILE ? readTokenFile(env.ALPACON_MCP_SERVER_TOKEN_FILE) : undefined;
  const serverToken = env.ALPACON_MCP_SERVER_TOKEN || fromFile;
  registerSecret(serverToken);
  const defined = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as HttpFlags;
  return { ...HTTP_DEFAULTS, ...parseServerSection(config.sections.server, config.source), ...bindFromEnv(env), ...defined, serverToken };
}

function bindFromEnv(env: NodeJS.ProcessEnv): { host?: string; port?: number } {
  const out: { host?: string; port?: number } = {};
  if (env.ALPACON_MCP_HOST) out.host = env.ALPACON_MCP_HOST;
  if (env.ALPACON_MCP_PORT) {
    const port = Number(env.ALPACON_MCP_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError('ALPACON_MCP_PORT must be a port number (0-65535)', 'environment');
    out.port = port;
  }
  return out;
}

function readTokenFile(file: string): string {
  try {
    const token = readFileSync(file, 'utf8').trim();
    if (!token) throw new ConfigError('the server token file is empty', file);
    return token;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read the server token file: ${(error as Error).message}`, file);
  }
}

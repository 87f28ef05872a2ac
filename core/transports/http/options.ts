import { ConfigError } from '../../errors/index.js';

export interface HttpServeOptions {
  host: string;
  port: number;
  /** No session state between requests: any replica can answer any request. */
  stateless: boolean;
  /** Bearer token callers must present; undefined only on loopback (or with insecure). */
  serverToken?: string;
  /** Allow a non-loopback bind without a server token. */
  insecure: boolean;
  /** Host header values accepted (host or host:port); default: loopback names. */
  allowedHosts: string[];
  /** Origin header values accepted when present; default: loopback origins on any port. */
  allowedOrigins: string[];
  sessionIdleMs: number;
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  headersTimeoutMs: number;
  /** How long shutdown waits for in-flight requests. */
  shutdownGraceMs: number;
}

export const HTTP_DEFAULTS: HttpServeOptions = {
  host: '127.0.0.1',
  port: 8237,
  stateless: false,
  insecure: false,
  allowedHosts: [],
  allowedOrigins: [],
  sessionIdleMs: 30 * 60_000,
  maxBodyBytes: 1024 * 1024,
  rateLimitPerMinute: 600,
  headersTimeoutMs: 10_000,
  shutdownGraceMs: 30_000,
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** Reads the `server` section of `.alpaconrc` (flags and environment are merged over it by the caller). */
export function parseServerSection(section: Record<string, unknown> | undefined, source?: string): Partial<HttpServeOptions> {
  if (!section) return {};
  const out: Partial<HttpServeOptions> = {};
  const numbers = ['port', 'sessionIdleMs', 'maxBodyBytes', 'rateLimitPerMinute', 'headersTimeoutMs', 'shutdownGraceMs'] as const;
  const lists = ['allowedHosts', 'allowedOrigins'] as const;
  for (const [key, value] of Object.entries(section)) {
    if ((numbers as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new ConfigError(`"server.${key}" must be a non-negative integer`, source);
      out[key as (typeof numbers)[number]] = value;
    } else if ((lists as readonly string[]).includes(key)) {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new ConfigError(`"server.${key}" must be a list of strings`, source);
      out[key as (typeof lists)[number]] = value as string[];
    } else if (key === 'host') {
      if (typeof value !== 'string' || !value) throw new ConfigError('"server.host" must be a host name or address', source);
      out.host = value;
    } else if (key === 'stateless') {
      if (typeof value !== 'boolean') throw new ConfigError('"server.stateless" must be true or false', source);
      out.stateless = value;
    } else {
      throw new ConfigError(`unknown key "server.${key}" (the server token comes only from ALPACON_MCP_SERVER_TOKEN or its _FILE variant)`, source);
    }
  }
  return out;
}

/** Fails before binding when a non-loopback address would be open to anyone. */
export function checkExposure(options: HttpServeOptions): void {
  if (!isLoopback(options.host) && !options.serverToken && !options.insecure) {
    throw new ConfigError(
      `refusing to listen on ${options.host} without caller authentication`,
      undefined,
      'Set ALPACON_MCP_SERVER_TOKEN (or ALPACON_MCP_SERVER_TOKEN_FILE) so callers must send "Authorization: Bearer <token>", or pass --insecure explicitly.',
    );
  }
}

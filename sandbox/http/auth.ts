import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './errors.js';
import type { Principal } from './types.js';
import type { World } from '../world/world.js';
import type { SandboxGeneration } from '../generation.js';

export const NOT_PROVIDED = { detail: 'Authentication credentials were not provided.' } as const;
export const INVALID_TOKEN = { detail: 'Invalid token.' } as const;

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** Issues and verifies the sandbox's HS256 JWTs (stand-ins for Auth0 access tokens, sent as `Bearer`). */
export class JwtIssuer {
  constructor(private readonly secret: string) {}

  issue(claims: Record<string, unknown>): string {
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /** The payload when the signature is good and the token has not expired; otherwise undefined. */
  verify(token: string, nowMs: number): Record<string, unknown> | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const expected = createHmac('sha256', this.secret).update(`${parts[0]}.${parts[1]}`).digest();
    const actual = Buffer.from(parts[2], 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
    try {
      const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
      if (typeof payload !== 'object' || payload === null) return undefined;
      const claims = payload as Record<string, unknown>;
      if (typeof claims.exp === 'number' && claims.exp * 1000 < nowMs) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }
}

/** Splits `token="KEY"`, `token=KEY` and `Bearer JWT`; anything else counts as no credentials (DRF). */
export function parseAuthorization(header: string | undefined): { kind: 'api-token' | 'jwt'; value: string } | undefined {
  if (header === undefined) return undefined;
  const tokenMatch = /^token\s*=\s*(?:"([^"]*)"|(\S+))\s*$/i.exec(header.trim());
  if (tokenMatch !== null) return { kind: 'api-token', value: tokenMatch[1] ?? tokenMatch[2] };
  const bearerMatch = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  if (bearerMatch !== null) return { kind: 'jwt', value: bearerMatch[1] };
  return undefined;
}

/**
 * Authenticates a request or throws the DRF refusal: 401 on today's service; 403 "credentials were not provided" on the
 * 2024 server, whose first authenticator is SessionAuthentication (no WWW-Authenticate, so DRF answers 403) and whose
 * token authenticator returns None for an unknown key (alpacon-server `alpacon/settings.py`, `api/apitoken/auth.py`).
 */
export function authenticate(headers: IncomingHttpHeaders, world: World, jwt: JwtIssuer, nowMs: number, generation: SandboxGeneration = 'current'): Principal {
  try {
    return authenticateCurrent(headers, world, jwt, nowMs);
  } catch (error) {
    if (generation === '2024' && error instanceof ApiError && error.status === 401) throw new ApiError(403, { ...NOT_PROVIDED });
    throw error;
  }
}

function authenticateCurrent(headers: IncomingHttpHeaders, world: World, jwt: JwtIssuer, nowMs: number): Principal {
  const credentials = parseAuthorization(headers.authorization);
  if (credentials === undefined) throw new ApiError(401, { ...NOT_PROVIDED }, { 'WWW-Authenticate': 'token' });
  if (credentials.kind === 'api-token') {
    const token = world.findTokenByKey(credentials.value);
    const expired = token?.expires_at != null && Date.parse(token.expires_at) < nowMs;
    const user = token === undefined ? undefined : world.users.get(token.user);
    if (token === undefined || !token.enabled || expired || user === undefined || !user.is_active) {
      throw new ApiError(401, { ...INVALID_TOKEN }, { 'WWW-Authenticate': 'token' });
    }
    return { userId: user.id, username: user.username, isStaff: user.is_staff, isSuperuser: user.is_superuser, tokenId: token.id, kind: 'api-token', tokenSource: token.source ?? 'api' };
  }
  const claims = jwt.verify(credentials.value, nowMs);
  const user = typeof claims?.sub === 'string' ? world.users.get(claims.sub) : undefined;
  if (user === undefined || !user.is_active) throw new ApiError(401, { ...INVALID_TOKEN }, { 'WWW-Authenticate': 'Bearer' });
  return { userId: user.id, username: user.username, isStaff: user.is_staff, isSuperuser: user.is_superuser, tokenId: `jwt:${user.id}`, kind: 'jwt' };
}

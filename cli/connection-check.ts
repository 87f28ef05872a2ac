import type { TokenStore } from '../core/auth/index.js';
import { ErrorCode, isAlpaconMcpError } from '../core/errors/index.js';
import { AlpaconClient } from '../core/http/alpacon-client.js';
import { createLogger } from '../core/logger.js';

export type Privilege = 'superuser' | 'staff' | 'general';
export type FailureKind = 'bad_token' | 'mfa_required' | 'unreachable' | 'forbidden' | 'other';

export type CheckResult =
  | { ok: true; region: string; workspace: string; username: string; privilege: Privilege }
  | { ok: false; region: string; workspace: string; kind: FailureKind; url: string; message: string };

export interface CheckOptions {
  baseUrl?: string;
  timeoutMs?: number;
}

/** The current-user endpoint is the privilege check: it proves the token works and tells who it acts as. */
const CURRENT_USER = '/api/iam/users/-/';

/** Asks the workspace who the stored token acts as; every failure is classified so the user gets its fix. */
export async function checkConnection(store: TokenStore, region: string, workspace: string, options: CheckOptions = {}): Promise<CheckResult> {
  const target = { region, workspace };
  // No retries: a person is waiting, and a failure is reported with its fix instead.
  const client = new AlpaconClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 10_000, retries: 0, retryBaseMs: 250 }, store, createLogger({ level: 'silent' }));
  const url = client.baseUrl(target);
  try {
    const user = await client.get<unknown>(target, CURRENT_USER);
    if (!isCurrentUser(user)) {
      return { ok: false, region, workspace, kind: 'other', url, message: `${url}${CURRENT_USER} did not answer with a user.` };
    }
    const privilege: Privilege = user.is_superuser ? 'superuser' : user.is_staff ? 'staff' : 'general';
    return { ok: true, region, workspace, username: user.username, privilege };
  } catch (error) {
    if (!isAlpaconMcpError(error)) throw error;
    return { ok: false, region, workspace, kind: classify(error.code), url, message: error.message };
  }
}

function classify(code: string): FailureKind {
  switch (code) {
    case ErrorCode.Unauthorized:
    case ErrorCode.TokenMissing:
      return 'bad_token';
    case ErrorCode.MfaRequired:
      return 'mfa_required';
    case ErrorCode.Network:
    case ErrorCode.Timeout:
    case ErrorCode.CircuitOpen:
    case ErrorCode.Unavailable:
      return 'unreachable';
    case ErrorCode.Forbidden:
    case ErrorCode.AclDenied:
      return 'forbidden';
    default:
      return 'other';
  }
}

interface CurrentUser {
  username: string;
  is_staff?: boolean;
  is_superuser?: boolean;
}

function isCurrentUser(value: unknown): value is CurrentUser {
  return typeof value === 'object' && value !== null && typeof (value as { username?: unknown }).username === 'string';
}

import { AlpaconMcpError, ErrorCode } from '../errors/index.js';
import { isJwt } from './credential.js';
import { tokenEnvName } from './token-env.js';

/**
 * What a configured credential is. Alpacon's API-token management and token ACL endpoints refuse an API token of
 * source `api` — the kind token.json holds — and accept a login credential: an OAuth access token (JWT) or a token
 * issued by a browser login (source `login`). alpacanetworks/alpacon-server `api/apitoken/permissions.py`,
 * alpacon-mcp (Python) `tools/token_tools.py` `require_jwt_auth`.
 */
export type CredentialKind = 'jwt' | 'login_token' | 'api_token';

/** `ALPACON_MCP_<REGION>_<WORKSPACE>_TOKEN_SOURCE=login` marks a non-JWT token as login-issued. */
export function tokenSourceEnvName(region: string, workspace: string): string {
  return `${tokenEnvName(region, workspace)}_SOURCE`;
}

export function credentialKind(token: string, declaredSource: string | undefined): CredentialKind {
  if (isJwt(token)) return 'jwt';
  return declaredSource?.trim().toLowerCase() === 'login' ? 'login_token' : 'api_token';
}

export function loginRequired(region: string, workspace: string, tool: string): AlpaconMcpError {
  return new AlpaconMcpError(
    ErrorCode.LoginRequired,
    `${tool} needs a login credential: Alpacon refuses API tokens (like the one configured for ${region}/${workspace}) on API-token and token-ACL management.`,
    {
      hint:
        `Configure a login credential for ${region}/${workspace}: an OAuth access token (JWT) stored with "alpacon-mcp add", ` +
        `or a token issued by a browser login with ${tokenSourceEnvName(region, workspace)}=login set beside it. ` +
        'Nothing was sent. The scopes catalog (list_api_token_scopes) works with an API token.',
      details: { credential: 'api_token', region, workspace },
    },
  );
}

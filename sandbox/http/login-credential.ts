import { ApiError } from './errors.js';
import type { Handler, Principal } from './types.js';

/**
 * API-token management and token ACLs refuse a request made with an API token of source `api` (what token.json holds):
 * `APITokenObjectPermission` / `CommandACLObjectPermission` (alpacanetworks/alpacon-server `api/apitoken/permissions.py`,
 * `security/api/permissions.py`; alpacon-mcp Python `tools/token_tools.py` header) — DRF's plain permission 403.
 * JWTs and login-source tokens pass. The scopes and presets catalogs do not check this.
 */
export function refuseApiSourceToken(principal: Principal): void {
  if (principal.kind === 'api-token' && (principal.tokenSource ?? 'api') === 'api') {
    throw new ApiError(403, { detail: 'You do not have permission to perform this action.' });
  }
}

/** A route handler that first refuses `api`-source tokens. */
export function loginOnly(handler: Handler): Handler {
  return (req, res) => {
    if (req.principal !== undefined) refuseApiSourceToken(req.principal);
    return handler(req, res);
  };
}

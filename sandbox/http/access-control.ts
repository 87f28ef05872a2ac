import { ApiError, aclDenied } from './errors.js';
import type { Principal } from './types.js';
import type { World } from '../world/world.js';

export const MFA_REQUIRED_BODY = { detail: 'MFA authentication is required.', code: 'auth_mfa_required' } as const;

/** `*` matches any run of characters; everything else is literal. */
export function globMatch(pattern: string, text: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's').test(text);
}

/**
 * Token ACLs and the MFA switch. ACL lists are allow-lists per token (as the real command/server/file ACLs);
 * a token without a list for a kind is not restricted for it. A denial is 403 `{"code":"api_token_acl_not_allowed"}`.
 */
export class AccessControl {
  /** When true, every authenticated request is refused with 401 `auth_mfa_required`. */
  mfaRequired: boolean;

  constructor(private readonly world: World, mfaRequired = false) {
    this.mfaRequired = mfaRequired;
  }

  private aclFor(principal: Principal) {
    return this.world.tokens.get(principal.tokenId)?.acl ?? {};
  }

  checkServer(principal: Principal, serverId: string): void {
    const allowed = this.aclFor(principal).servers;
    if (allowed !== undefined && !allowed.some((p) => globMatch(p, serverId) || globMatch(p, this.world.servers.get(serverId)?.name ?? ''))) {
      throw aclDenied();
    }
  }

  checkCommand(principal: Principal, line: string): void {
    if (!this.commandAllowed(principal, line)) throw aclDenied();
  }

  /** Whether the token's command ACL (if it has one) allows `line`. */
  commandAllowed(principal: Principal, line: string): boolean {
    const allowed = this.aclFor(principal).commands;
    return allowed === undefined || allowed.some((p) => globMatch(p, line.trim()));
  }

  checkPath(principal: Principal, path: string): void {
    const allowed = this.aclFor(principal).paths;
    if (allowed !== undefined && !allowed.some((p) => globMatch(p, path))) throw aclDenied();
  }

  /** Throws the MFA error when MFA is required. */
  checkMfa(): void {
    if (this.mfaRequired) throw new ApiError(401, { ...MFA_REQUIRED_BODY });
  }
}

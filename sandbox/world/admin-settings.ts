import { Prng } from './prng.js';
import { iso, WORLD_EPOCH } from './seed-world.js';

/**
 * Workspace settings singletons (`/api/workspaces/access-control/-/`, `/api/workspaces/security/-/`). Field names come from the
 * official CLI's tests and the Python MCP server's descriptions; the full real field sets are unverified.
 */
export function defaultAccessControl(): Record<string, unknown> {
  return {
    allow_sudo_with_mfa: true, allow_direct_root: false, block_local_sudo: false, sudo_timeout: 300,
    allow_tunnel_by_default: true, allow_editor_by_default: true, home_directory_permission: '750',
    work_session_max_ttl: 28_800, work_session_pending_ttl: 3_600, shared_account_names: ['ubuntu'],
  };
}

export function defaultSecurity(): Record<string, unknown> {
  return { mfa_required: false, mfa_timeout: 300, allowed_mfa_methods: ['email', 'otp'], mfa_required_actions: ['websh'], passkey_as_mfa: false };
}

/** A server registration token (`/api/servers/registration-tokens/`); `key` is returned only by the create call. */
export interface RegistrationToken {
  id: string;
  name: string;
  allowed_groups: string[];
  key: string;
  enabled: boolean;
  expires_at: string | null;
  added_at: string;
}

export function seedRegistrationTokens(seed: number): RegistrationToken[] {
  const prng = new Prng(seed ^ 0x7e6);
  return ['default', 'staging-batch'].map((name, i) => ({
    id: prng.uuid(), name, allowed_groups: [], key: `reg-${prng.uuid().replaceAll('-', '')}`, enabled: true,
    expires_at: null, added_at: iso(WORLD_EPOCH - (i + 2) * 86_400_000),
  }));
}

import { principalOf, type SandboxContext } from '../context.js';
import type { Router } from '../http/types.js';
import { defaultAccessControl, defaultSecurity } from '../world/admin-settings.js';
import { BodyReader } from './body-reader.js';
import { requireStaff } from './iam-users.js';

type FieldKind = 'boolean' | 'int' | 'string' | 'strings';

const ACCESS_CONTROL_FIELDS: Record<string, FieldKind> = {
  allow_sudo_with_mfa: 'boolean', allow_direct_root: 'boolean', block_local_sudo: 'boolean', sudo_timeout: 'int',
  allow_tunnel_by_default: 'boolean', allow_editor_by_default: 'boolean', home_directory_permission: 'string',
  work_session_max_ttl: 'int', work_session_pending_ttl: 'int', shared_account_names: 'strings',
};
const SECURITY_FIELDS: Record<string, FieldKind> = {
  mfa_required: 'boolean', mfa_timeout: 'int', allowed_mfa_methods: 'strings', mfa_required_actions: 'strings', passkey_as_mfa: 'boolean',
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads the known fields of a settings PATCH (unknown ones are ignored, like DRF) and applies them. */
function patchSettings(settings: Record<string, unknown>, fields: Record<string, FieldKind>, body: unknown): Record<string, unknown> {
  const reader = new BodyReader(body, true);
  const changes: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(fields)) {
    const value = kind === 'boolean' ? reader.boolean(key) : kind === 'int' ? reader.number(key) : kind === 'string' ? reader.string(key) : reader.stringList(key);
    if (kind === 'int' && typeof value === 'number' && (!Number.isInteger(value) || value < 0)) reader.error(key, 'Ensure this value is a non-negative integer.');
    if (value !== undefined) changes[key] = value;
  }
  if (typeof changes.home_directory_permission === 'string' && !/^[0-7]{3}$/.test(changes.home_directory_permission)) {
    reader.error('home_directory_permission', 'Enter a valid octal permission such as 750.');
  }
  reader.done();
  Object.assign(settings, changes);
  return { ...settings };
}

/** Workspace access-control and security singletons, and user invitations (`/api/workspaces/...`). */
export function registerAdminWorkspace(router: Router, ctx: SandboxContext): void {
  const accessControl = defaultAccessControl();
  const security = defaultSecurity();
  const invited = new Set<string>();

  router.add('GET', '/api/workspaces/access-control/-/', () => ({ status: 200, body: { ...accessControl } }));
  router.add('PATCH', '/api/workspaces/access-control/-/', (req) => {
    requireStaff(principalOf(req));
    return { status: 200, body: patchSettings(accessControl, ACCESS_CONTROL_FIELDS, req.body) };
  });
  router.add('GET', '/api/workspaces/security/-/', () => ({ status: 200, body: { ...security } }));
  router.add('PATCH', '/api/workspaces/security/-/', (req) => {
    requireStaff(principalOf(req));
    return { status: 200, body: patchSettings(security, SECURITY_FIELDS, req.body) };
  });
  // The read-only subset of the security settings: alpacon-cli api/workspace/mfa_methods.go, shape from its mfa_methods_test.go.
  router.add('GET', '/api/workspaces/security/-/mfa-methods/', () => ({
    status: 200, body: { allowed_mfa_methods: security.allowed_mfa_methods, passkey_as_mfa: security.passkey_as_mfa },
  }));

  router.add('POST', '/api/workspaces/users/invite/', (req) => {
    requireStaff(principalOf(req));
    const reader = new BodyReader(req.body);
    const email = reader.string('email', { required: true, max: 254, pattern: EMAIL, patternMessage: 'Enter a valid email address.' });
    if (email !== undefined && ctx.world.users.all().some((u) => u.email === email)) reader.error('email', 'A user with this email already exists.');
    if (email !== undefined && invited.has(email)) reader.error('email', 'This email has already been invited.');
    reader.done();
    invited.add(email ?? '');
    return { status: 201, body: { email, detail: 'Invitation sent.' } };
  });
}

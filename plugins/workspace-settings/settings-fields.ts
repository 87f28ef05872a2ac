import { InvalidInputError } from '../../core/index.js';

export type FieldKind = 'boolean' | 'int' | 'string' | 'string?' | 'strings';

/** Field names from the official CLI's tests and the Python MCP server; the full real sets are unverified. */
export const PREFERENCE_FIELDS: Record<string, FieldKind> = {
  front_url: 'string', country: 'string', language: 'string', timezone: 'string', invite_ttl: 'int', enabled_extensions: 'strings',
  websh_session_timeout: 'int', auto_agent_upgrade: 'boolean', package_proxy: 'string?', billing_email: 'string', allowed_domains: 'strings',
};
export const ACCESS_CONTROL_FIELDS: Record<string, FieldKind> = {
  allow_sudo_with_mfa: 'boolean', allow_direct_root: 'boolean', block_local_sudo: 'boolean', sudo_timeout: 'int',
  allow_tunnel_by_default: 'boolean', allow_editor_by_default: 'boolean', home_directory_permission: 'string',
  work_session_max_ttl: 'int', work_session_pending_ttl: 'int', shared_account_names: 'strings',
};
export const SECURITY_FIELDS: Record<string, FieldKind> = {
  mfa_required: 'boolean', mfa_timeout: 'int', allowed_mfa_methods: 'strings', mfa_required_actions: 'strings', passkey_as_mfa: 'boolean',
};

function fits(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'int':
      return Number.isInteger(value) && (value as number) >= 0;
    case 'string':
      return typeof value === 'string';
    case 'string?':
      return typeof value === 'string' || value === null;
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
  }
}

const KIND_TEXT: Record<FieldKind, string> = {
  boolean: 'true or false', int: 'a whole number >= 0', string: 'a string', 'string?': 'a string or null', strings: 'a list of strings',
};

/** Checks a `changes` object against the known fields before anything is sent; throws invalid_input listing every problem. */
export function checkChanges(changes: Record<string, unknown>, fields: Record<string, FieldKind>): void {
  const problems: { field: string; problems: string[] }[] = [];
  const entries = Object.entries(changes);
  if (entries.length === 0) problems.push({ field: 'changes', problems: [`give at least one field: ${Object.keys(fields).join(', ')}`] });
  for (const [key, value] of entries) {
    const kind = fields[key];
    if (kind === undefined) problems.push({ field: `changes.${key}`, problems: [`unknown field; known: ${Object.keys(fields).join(', ')}`] });
    else if (!fits(kind, value)) problems.push({ field: `changes.${key}`, problems: [`must be ${KIND_TEXT[kind]}`] });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
}

/** Fields that were sent but are missing from the answer: the API most likely ignored them. */
export function ignoredFields(changes: Record<string, unknown>, answer: unknown): string[] {
  if (typeof answer !== 'object' || answer === null) return [];
  return Object.keys(changes).filter((key) => !(key in answer));
}

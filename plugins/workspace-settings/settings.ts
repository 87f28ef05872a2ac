import {
  ALPACON,
  AlpaconClient,
  AlpaconMcpError,
  Effects,
  ErrorCode,
  inject,
  injectable,
  isAlpaconMcpError,
  reply,
  Tool,
  type ToolContext,
} from '../../core/index.js';
import { GetWorkspaceSettingsInput, ListWorkspaceMfaMethodsInput, UpdateWorkspaceSettingsInput } from './dto.js';
import { ACCESS_CONTROL_FIELDS, checkChanges, type FieldKind, ignoredFields, PREFERENCE_FIELDS, SECURITY_FIELDS } from './settings-fields.js';

const PREFERENCES = '/api/workspaces/preferences/-/';
const ACCESS_CONTROL = '/api/workspaces/access-control/-/';
const SECURITY = '/api/workspaces/security/-/';
/** The Python server took each preference as its own argument; here they go into `changes`. */
const PYTHON_PREFERENCES = Object.fromEntries(Object.keys(PREFERENCE_FIELDS).map((field) => [field, `changes.${field}`]));
/** alpacon-cli api/workspace/mfa_methods.go (GetMFAMethods); answer shape from its mfa_methods_test.go. */
const MFA_METHODS = '/api/workspaces/security/-/mfa-methods/';
const names = (fields: Record<string, FieldKind>) => Object.keys(fields).join(', ');

/** Workspace-wide settings singletons (id `-`): preferences, access control, security (MFA). Staff only to change. */
@injectable()
export class WorkspaceSettingsTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'get_workspace_preferences',
    title: 'Workspace preferences',
    description: 'Workspace-wide preferences: timezone, language, Websh session timeout, agent auto-upgrade, package proxy, ...',
    input: GetWorkspaceSettingsInput,
    annotations: Effects.read,
    searchHint: 'workspace preferences settings timezone websh timeout',
  })
  getWorkspacePreferences(input: GetWorkspaceSettingsInput, ctx: ToolContext) {
    return this.alpacon.get(input, PREFERENCES, { signal: ctx.signal });
  }

  @Tool({
    name: 'update_workspace_preferences',
    aliases: PYTHON_PREFERENCES,
    title: 'Update workspace preferences',
    description: `Changes the given preferences. Fields: ${names(PREFERENCE_FIELDS)}. Lists replace the whole list.`,
    input: UpdateWorkspaceSettingsInput,
    annotations: Effects.update,
    searchHint: 'settings locale configuration',
  })
  updateWorkspacePreferences(input: UpdateWorkspaceSettingsInput, ctx: ToolContext) {
    return this.update(input, PREFERENCES, PREFERENCE_FIELDS, 'Preferences', ctx);
  }

  @Tool({
    name: 'get_workspace_access_control',
    title: 'Workspace access control',
    description: 'Workspace rules for sudo/root, tunnel and editor defaults, home directory mode, work session TTLs.',
    input: GetWorkspaceSettingsInput,
    annotations: Effects.read,
    searchHint: 'workspace access control sudo root tunnel work session ttl',
  })
  getWorkspaceAccessControl(input: GetWorkspaceSettingsInput, ctx: ToolContext) {
    return this.alpacon.get(input, ACCESS_CONTROL, { signal: ctx.signal });
  }

  @Tool({
    name: 'update_workspace_access_control',
    title: 'Update workspace access control',
    description: `Changes workspace access rules. Fields: ${names(ACCESS_CONTROL_FIELDS)}.`,
    input: UpdateWorkspaceSettingsInput,
    annotations: Effects.update,
    searchHint: 'policy mfa tunnel editor permissions',
  })
  updateWorkspaceAccessControl(input: UpdateWorkspaceSettingsInput, ctx: ToolContext) {
    return this.update(input, ACCESS_CONTROL, ACCESS_CONTROL_FIELDS, 'Access control', ctx);
  }

  @Tool({
    name: 'get_workspace_security',
    title: 'Workspace security',
    description: 'Workspace MFA settings: required, timeout, allowed methods, actions that need MFA.',
    input: GetWorkspaceSettingsInput,
    annotations: Effects.read,
    searchHint: 'workspace security mfa authentication',
  })
  async getWorkspaceSecurity(input: GetWorkspaceSettingsInput, ctx: ToolContext) {
    try {
      return await this.alpacon.get(input, SECURITY, { signal: ctx.signal });
    } catch (error) {
      throw securityHint(error);
    }
  }

  @Tool({
    name: 'update_workspace_security',
    title: 'Update workspace security',
    description: `Changes workspace MFA settings. Fields: ${names(SECURITY_FIELDS)}.`,
    input: UpdateWorkspaceSettingsInput,
    annotations: Effects.update,
    searchHint: 'two-factor 2fa passkey authentication settings',
  })
  async updateWorkspaceSecurity(input: UpdateWorkspaceSettingsInput, ctx: ToolContext) {
    try {
      return await this.update(input, SECURITY, SECURITY_FIELDS, 'Security', ctx);
    } catch (error) {
      throw securityHint(error);
    }
  }

  @Tool({
    name: 'list_workspace_mfa_methods',
    title: 'Workspace MFA methods',
    description: 'MFA methods users may use in this workspace (allowed_mfa_methods) and whether a passkey counts as MFA. Use it to tell a user how to finish an MFA step. Alpacon Cloud only.',
    input: ListWorkspaceMfaMethodsInput,
    annotations: Effects.read,
    output: {
      type: 'object',
      properties: { allowed_mfa_methods: { type: 'array', items: { type: 'string' } }, passkey_as_mfa: { type: 'boolean' } },
      required: ['allowed_mfa_methods'],
    },
    searchHint: 'workspace mfa methods allowed passkey otp reauth',
  })
  async listWorkspaceMfaMethods(input: ListWorkspaceMfaMethodsInput, ctx: ToolContext) {
    try {
      const methods = await this.alpacon.get<{ allowed_mfa_methods?: string[] }>(input, MFA_METHODS, { signal: ctx.signal });
      return reply(methods, `Allowed MFA methods: ${(methods.allowed_mfa_methods ?? []).join(', ') || 'none'}.`);
    } catch (error) {
      throw securityHint(error);
    }
  }

  private async update(
    { changes, workspace, region }: UpdateWorkspaceSettingsInput,
    path: string,
    fields: Record<string, FieldKind>,
    what: string,
    ctx: ToolContext,
  ) {
    checkChanges(changes, fields);
    const answer = await this.alpacon.patch({ workspace, region }, path, changes, { signal: ctx.signal });
    const ignored = ignoredFields(changes, answer);
    const note = ignored.length > 0 ? ` Not in the answer, probably ignored by this deployment: ${ignored.join(', ')}.` : '';
    return reply(answer, `${what} updated: ${Object.keys(changes).join(', ')}.${note}`);
  }
}

/**
 * The Python MCP server reports that these endpoints accept JWT (SSO) logins only, not API tokens (unconfirmed), and exist on
 * Alpacon Cloud only (the CLI's `workspace mfa-methods` refuses to run elsewhere): a 404 says so.
 */
function securityHint(error: unknown): unknown {
  if (isAlpaconMcpError(error) && error.code === ErrorCode.NotFound) {
    return new AlpaconMcpError(error.code, error.message, {
      status: error.status,
      apiCode: error.apiCode,
      hint: 'Workspace security settings exist on Alpacon Cloud only; a self-hosted Alpacon does not have them.',
    });
  }
  if (!isAlpaconMcpError(error) || (error.code !== ErrorCode.Unauthorized && error.code !== ErrorCode.Forbidden)) return error;
  return new AlpaconMcpError(error.code, error.message, {
    status: error.status,
    apiCode: error.apiCode,
    hint: 'Security settings may accept only an SSO (JWT) login, not an API token, and need staff rights. Change them in the Alpacon web console.',
  });
}

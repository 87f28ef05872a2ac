import { ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, reply, Tool, type ToolContext } from '../../core/index.js';
import {
  CreateApiTokenInput,
  DeleteApiTokenInput,
  DuplicateApiTokenInput,
  GetApiTokenInput,
  ListApiTokenPresetsInput,
  ListApiTokenScopesInput,
  ListApiTokensInput,
  UpdateApiTokenInput,
} from './dto.js';

interface ApiToken {
  id: string;
  name: string;
  key?: string;
  [key: string]: unknown;
}

const BASE = '/api/auth/tokens/';
/** Alpacon refuses API tokens (source `api`, what token.json holds) on these endpoints: alpacon-server `api/apitoken/permissions.py`. */
const LOGIN_ONLY = 'Needs a login credential (OAuth JWT or login-issued token), not an API token (login_required).';
const KEY_NOTE = 'The key is shown only this once and is never logged: store it in a secret manager now. Alpacon cannot show it again.';

/** API tokens of the calling user. A new key appears once, in the tool result only (never in logs). */
@injectable()
export class ApiTokenTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({ name: 'list_api_tokens', title: 'List API tokens', description: `Your API tokens (no keys): name, enabled, scopes, expiry. ${LOGIN_ONLY}`, input: ListApiTokensInput, annotations: Effects.read, searchHint: 'api tokens keys credentials' })
  async listApiTokens({ page = 1, page_size = 20, ...target }: ListApiTokensInput, ctx: ToolContext) {
    this.alpacon.requireLoginCredential(target, ctx.tool);
    const result = await this.alpacon.page<ApiToken>(target, BASE, page, page_size, { signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply({ ...result, results: result.results.map(withoutKey) }, `${result.results.length} of ${result.count} token(s).${more}`);
  }

  @Tool({ name: 'get_api_token', title: 'Get API token', description: `One API token (no key). ${LOGIN_ONLY}`, input: GetApiTokenInput, annotations: Effects.read, searchHint: 'api token details' })
  async getApiToken({ token_id, ...target }: GetApiTokenInput, ctx: ToolContext) {
    this.alpacon.requireLoginCredential(target, ctx.tool);
    const token = await this.alpacon.get<ApiToken>(target, `${BASE}${token_id}/`, { resource: { what: 'API token', id: token_id }, signal: ctx.signal });
    return reply(withoutKey(token), token.name);
  }

  @Tool({ name: 'list_api_token_scopes', title: 'List API token scopes', description: 'Scopes (resource:action) and wildcards a token can be given.', input: ListApiTokenScopesInput, annotations: Effects.read, searchHint: 'api token scopes permissions' })
  async listApiTokenScopes(target: ListApiTokenScopesInput, ctx: ToolContext) {
    const scopes = await this.alpacon.get<unknown>({ workspace: target.workspace, region: target.region }, `${BASE}scopes/`, { signal: ctx.signal });
    return reply(scopes, 'Token scopes.');
  }

  // GET `presets/`: only the Python server calls it (tools/token_tools.py); answer shape from its tests/test_token_tools.py.
  // Like the scopes catalog it takes an API token (the Python server's token_tools.py header says both catalogs are exempt).
  @Tool({ name: 'list_api_token_presets', title: 'List API token presets', description: 'Named scope bundles (e.g. file_upload) for building a token: {key: {name, scopes}}. Endpoint unconfirmed (only the Python MCP server calls it).', input: ListApiTokenPresetsInput, annotations: Effects.read, searchHint: 'api token preset scopes bundle catalog' })
  async listApiTokenPresets(target: ListApiTokenPresetsInput, ctx: ToolContext) {
    const presets = await this.alpacon.get<Record<string, unknown>>({ workspace: target.workspace, region: target.region }, `${BASE}presets/`, { signal: ctx.signal });
    const keys = typeof presets === 'object' && presets !== null ? Object.keys(presets) : [];
    return reply(presets, keys.length === 0 ? 'No token presets.' : `Token presets: ${keys.join(', ')}.`);
  }

  @Tool({ name: 'create_api_token', title: 'Create API token', description: `New API token; its key is returned once. ${LOGIN_ONLY}`, input: CreateApiTokenInput, annotations: Effects.create, searchHint: 'credential secret generate' })
  async createApiToken({ name, scopes, expires_at, ...target }: CreateApiTokenInput, ctx: ToolContext) {
    this.alpacon.requireLoginCredential(target, ctx.tool);
    const body = { name, ...(scopes === undefined ? {} : { scopes }), ...(expires_at === undefined ? {} : { expires_at }) };
    const token = await this.alpacon.post<ApiToken>(target, BASE, body, { signal: ctx.signal });
    return reply(withKeyNote(token), `Token ${token.name} created (${token.id}); key shown once.`);
  }

  @Tool({ name: 'update_api_token', title: 'Update API token', description: `Renames, enables/disables, re-scopes or changes the expiry of a token. ${LOGIN_ONLY}`, input: UpdateApiTokenInput, annotations: Effects.update, searchHint: 'api token disable rename scopes' })
  async updateApiToken({ token_id, name, enabled, expires_at, clear_expires_at, scopes, ...target }: UpdateApiTokenInput, ctx: ToolContext) {
    this.alpacon.requireLoginCredential(target, ctx.tool);
    if (expires_at !== undefined && clear_expires_at === true) {
      throw new InvalidInputError([{ field: 'clear_expires_at', problems: ['give expires_at or clear_expires_at, not both'] }]);
    }
    const changes: Record<string, unknown> = { name, enabled, expires_at: clear_expires_at === true ? null : expires_at, scopes };
    for (const key of Object.keys(changes)) if (changes[key] === undefined) delete changes[key];
    if (Object.keys(changes).length === 0) {
      throw new InvalidInputError([{ field: '(arguments)', problems: ['give at least one of: name, enabled, expires_at, clear_expires_at, scopes'] }]);
    }
    const token = await this.alpacon.patch<ApiToken>(target, `${BASE}${token_id}/`, changes, { resource: { what: 'API token', id: token_id }, signal: ctx.signal });
    return reply(withoutKey(token), `Token ${token.name} updated: ${Object.keys(changes).join(', ')}.`);
  }

  @Tool({ name: 'delete_api_token', title: 'Delete API token', description: `Revokes an API token for good; clients using it stop working. ${LOGIN_ONLY}`, input: DeleteApiTokenInput, annotations: Effects.destructive, searchHint: 'api token delete revoke' })
  async deleteApiToken({ token_id, ...target }: DeleteApiTokenInput, ctx: ToolContext) {
    this.alpacon.requireLoginCredential(target, ctx.tool);
    await this.alpacon.delete(target, `${BASE}${token_id}/`, { resource: { what: 'API token', id: token_id }, signal: ctx.signal });
    return reply({ deleted: true, token_id }, `Token ${token_id} deleted.`);
  }

  @Tool({ name: 'duplicate_api_token', title: 'Duplicate API token', description: `New token with the same scopes and ACLs; its key is returned once. ${LOGIN_ONLY}`, input: DuplicateApiTokenInput, annotations: Effects.create, searchHint: 'api token copy clone' })
  async duplicateApiToken({ token_id, name, ...target }: DuplicateApiTokenInput, ctx: ToolContext) {
    this.alpacon.requireLoginCredential(target, ctx.tool);
    const token = await this.alpacon.post<ApiToken>(target, `${BASE}${token_id}/duplicate/`, name === undefined ? {} : { name }, {
      resource: { what: 'API token', id: token_id },
      signal: ctx.signal,
    });
    return reply(withKeyNote(token), `Token ${token.name} created as a copy (${token.id}); key shown once.`);
  }
}

function withoutKey(token: ApiToken): Omit<ApiToken, 'key'> {
  const { key: _key, ...rest } = token;
  return rest;
}

/** Puts the one-time key first and clearly marked. */
function withKeyNote(token: ApiToken): Record<string, unknown> {
  const { key, ...rest } = token;
  return key === undefined ? rest : { key_shown_once: key, key_note: KEY_NOTE, ...rest };
}

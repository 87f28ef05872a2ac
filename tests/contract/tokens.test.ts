import { expect, it } from '@jest/globals';
import { describeGenerations } from './generations.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

/**
 * API-token and token-ACL management (shared/alpacon-api.md section 0, "API-token management, token ACLs"): both
 * generations answer 403 to an API token of source `api` — what token.json holds — and accept a login credential
 * (alpacanetworks/alpacon-server api/apitoken/permissions.py APITokenObjectPermission, security/api/permissions.py;
 * alpacon-mcp Python tools/token_tools.py header and require_jwt_auth). The scopes catalog is exempt.
 * The tools refuse before sending anything, with `login_required`.
 */
const ID = UNKNOWN_ID;
const SERVER = '00000000-0000-4000-8000-000000000001';
const MANAGEMENT: Record<string, Record<string, unknown>> = {
  list_api_tokens: {},
  get_api_token: { token_id: ID },
  create_api_token: { name: 'contract' },
  update_api_token: { token_id: ID, enabled: false },
  delete_api_token: { token_id: ID },
  duplicate_api_token: { token_id: ID },
  list_command_acls: {},
  create_command_acl: { token_id: ID, command: 'uptime' },
  update_command_acl: { acl_id: ID, command: 'df' },
  delete_command_acl: { acl_id: ID },
  list_server_acls: {},
  create_server_acl: { token_id: ID, server_id: SERVER },
  update_server_acl: { acl_id: ID, server_id: SERVER },
  delete_server_acl: { acl_id: ID },
  bulk_server_acl: { token_id: ID, action: 'add', server_ids: [SERVER] },
  list_file_acls: {},
  create_file_acl: { token_id: ID, path: '/tmp/*', action: 'upload' },
  update_file_acl: { acl_id: ID, path: '/srv/*' },
  delete_file_acl: { acl_id: ID },
};

describeGenerations('token management with an API token (token.json)', ({ mcp }) => {
  const call = (tool: string, args: Record<string, unknown>) => mcp().call(tool, { workspace: mcp().sandbox.workspace, ...args });

  it('every token and token-ACL management tool refuses with login_required and sends nothing', async () => {
    const { sandbox } = mcp();
    for (const [tool, args] of Object.entries(MANAGEMENT)) {
      sandbox.requests.clear();
      const outcome = await call(tool, args);
      expect({ tool, code: outcome.error?.code, sent: sandbox.requests.all().length }).toEqual({ tool, code: 'login_required', sent: 0 });
      expect(outcome.error?.hint).toContain('_TOKEN_SOURCE=login');
      expect(outcome.error?.hint).toContain('JWT');
    }
  });

  it('the scopes catalog stays available with an API token', async () => {
    const outcome = await call('list_api_token_scopes', {});
    expect(outcome.error).toBeUndefined();
  });

  it('the server itself refuses an api-source token on token management (403), not on the catalog', async () => {
    const { sandbox } = mcp();
    const get = (path: string) => fetch(`${sandbox.url}${path}`, { headers: { authorization: `token="${sandbox.token}"` } });
    expect((await get('/api/auth/tokens/')).status).toBe(403);
    expect((await get('/api/security/command-acl/')).status).toBe(403);
    expect((await get('/api/auth/tokens/scopes/')).status).toBe(200);
  });
});

describeGenerations('token management with a login-issued token', ({ mcp }) => {
  const call = (tool: string, args: Record<string, unknown>) => mcp().call(tool, { workspace: mcp().sandbox.workspace, ...args });

  it('creates, lists, updates and deletes a token and its ACL entries', async () => {
    const created = await call('create_api_token', { name: 'contract-bot' });
    expect(created.error).toBeUndefined();
    const id = (created.data as { id: string }).id;
    expect(((await call('list_api_tokens', {})).data as { results: { id: string }[] }).results.map((t) => t.id)).toContain(id);
    expect((await call('update_api_token', { token_id: id, enabled: false })).error).toBeUndefined();
    const acl = await call('create_command_acl', { token_id: id, command: 'uptime' });
    expect(acl.error).toBeUndefined();
    expect(((await call('list_command_acls', { token_id: id })).data as { count: number }).count).toBe(1);
    expect((await call('delete_command_acl', { acl_id: (acl.data as { id: string }).id })).error).toBeUndefined();
    expect((await call('delete_api_token', { token_id: id })).error).toBeUndefined();
  });
}, { credential: 'login-token' });

describeGenerations('token management with an OAuth JWT', ({ generation, mcp }) => {
  it('list_api_tokens passes the credential check and reaches the server', async () => {
    const { sandbox } = mcp();
    sandbox.requests.clear();
    const outcome = await mcp().call('list_api_tokens', { workspace: sandbox.workspace });
    expect(sandbox.requests.filter({ path: '/api/auth/tokens/' })).toHaveLength(1);
    // The 2024 server knows no JWTs (authentication_classes: session and API token), so there the server decides.
    if (generation === 'current') expect(outcome.error).toBeUndefined();
    else expect(outcome.error?.code).not.toBe('login_required');
  });
}, { credential: 'jwt' });

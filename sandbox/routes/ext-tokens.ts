import { principalOf, type SandboxContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { loginOnly } from '../http/login-credential.js';
import type { Router } from '../http/types.js';
import { BodyReader, isUuid } from './body-reader.js';

const TOKEN_PRESETS = {
  file_upload: { name: 'File upload', scopes: ['webftp:view', 'webftp:add'] },
  read_only: { name: 'Read only', scopes: ['*:view'] },
  command_runner: { name: 'Command runner', scopes: ['servers:view', 'commands:view', 'commands:add'] },
};

/**
 * PATCH `/api/auth/tokens/{id}/` (from the Python MCP server's update_api_token; the CLI never edits tokens). The other token
 * routes are in auth.ts; the reply mirrors its token JSON.
 */
export function registerExtTokens(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  // The preset catalog: only the Python MCP server calls it (tools/token_tools.py, list_api_token_presets); the shape
  // `{key: {name, scopes}}` is the one its tests/test_token_tools.py mocks. Like the scope catalog it takes any token.
  router.add('GET', '/api/auth/tokens/presets/', () => ({ status: 200, body: TOKEN_PRESETS }));

  router.add('PATCH', '/api/auth/tokens/:id/', loginOnly((req) => {
    const userId = principalOf(req).userId;
    const token = isUuid(req.params.id) ? world.tokens.get(req.params.id) : undefined;
    if (token === undefined || token.user !== userId) throw notFound();
    const reader = new BodyReader(req.body, true);
    const name = reader.string('name', { max: 64 });
    if (name !== undefined && world.tokens.all().some((t) => t.user === userId && t.name === name && t.id !== token.id)) {
      reader.error('name', 'A token with this name already exists.');
    }
    const enabled = reader.boolean('enabled');
    const expiresAt = reader.string('expires_at');
    if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt))) reader.error('expires_at', 'Datetime has wrong format.');
    const scopes = reader.stringList('scopes');
    reader.done();
    if (name !== undefined) token.name = name;
    if (enabled !== undefined) token.enabled = enabled;
    if (expiresAt !== undefined) token.expires_at = new Date(expiresAt).toISOString();
    else if (reader.has('expires_at') || (req.body as Record<string, unknown> | undefined)?.expires_at === null) token.expires_at = null;
    if (scopes !== undefined) token.scopes = scopes;
    token.updated_at = new Date().toISOString();
    const { id, enabled: on, updated_at, expires_at, scopes: list } = token;
    return { status: 200, body: { id, name: token.name, enabled: on, updated_at, expires_at, scopes: [...list] } };
  }));
}

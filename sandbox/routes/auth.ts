import { principalOf, type SandboxContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import type { ApiToken } from '../world/models.js';
import { loginOnly } from '../http/login-credential.js';
import { BodyReader, isUuid } from './body-reader.js';

const SCOPE_RESOURCES = [
  { name: 'servers', actions: ['view', 'change', 'delete'], acl: ['server'] },
  { name: 'commands', actions: ['view', 'add'], acl: ['command', 'server'] },
  { name: 'websh', actions: ['view', 'add'], acl: ['server'] },
  { name: 'webftp', actions: ['view', 'add'], acl: ['server', 'file'] },
  { name: 'metrics', actions: ['view'], acl: [] },
  { name: 'events', actions: ['view'], acl: [] },
  { name: 'iam', actions: ['view', 'add', 'change', 'delete'], acl: [] },
];

function tokenJson(token: ApiToken, withKey = false): Record<string, unknown> {
  return {
    id: token.id, name: token.name, enabled: token.enabled, updated_at: token.updated_at, expires_at: token.expires_at,
    scopes: [...token.scopes], ...(withKey ? { key: token.key } : {}),
  };
}

/** `/api/status/`, `/api/auth/whoami/`, `/api/auth/tokens/` and the workspace preferences singleton. */
export function registerAuth(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;

  router.add('GET', '/api/status/', () => ({ status: 200, body: { status: 'ok', version: 'sandbox' } }));

  router.add('GET', '/api/auth/whoami/', (req) => {
    const principal = principalOf(req);
    const token = world.tokens.get(principal.tokenId);
    return {
      status: 200,
      body: {
        principal_type: 'user', username: principal.username,
        auth: { kind: principal.kind === 'jwt' ? 'jwt' : 'api_token', scopes: token?.scopes ?? ['*:*'] },
      },
    };
  });

  const ownTokens = (userId: string) => world.tokens.all().filter((t) => t.user === userId);
  const ownToken = (id: string, userId: string): ApiToken => {
    const token = isUuid(id) ? world.tokens.get(id) : undefined;
    if (token === undefined || token.user !== userId) throw notFound();
    return token;
  };
  const createToken = (userId: string, name: string, expiresAt: string | null, scopes: string[]): ApiToken => {
    const id = world.newId();
    return world.tokens.add({
      id, name, key: `alpat-${id.replace(/-/g, '')}`, user: userId, enabled: true, scopes, expires_at: expiresAt,
      updated_at: new Date().toISOString(), acl: {},
    });
  };

  router.add('GET', '/api/auth/tokens/scopes/', () => ({
    status: 200, body: { resources: SCOPE_RESOURCES, wildcards: ['*:*', '*:view', 'servers:*', 'commands:*'] },
  }));

  router.add('GET', '/api/auth/tokens/', loginOnly((req) => {
    const page = paginate(req, ownTokens(principalOf(req).userId));
    return { status: 200, body: { ...page, results: page.results.map((t) => tokenJson(t)) } };
  }));

  router.add('POST', '/api/auth/tokens/', loginOnly((req) => {
    const reader = new BodyReader(req.body);
    const name = reader.string('name', { required: true, max: 64 });
    const expiresAt = reader.string('expires_at');
    if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt))) reader.error('expires_at', 'Datetime has wrong format.');
    const scopes = reader.stringList('scopes');
    const userId = principalOf(req).userId;
    if (name !== undefined && ownTokens(userId).some((t) => t.name === name)) reader.error('name', 'A token with this name already exists.');
    reader.done();
    const token = createToken(userId, name ?? '', expiresAt ?? null, scopes ?? ['*:*']);
    return { status: 201, body: tokenJson(token, true) };
  }));

  router.add('GET', '/api/auth/tokens/:id/', loginOnly((req) => ({ status: 200, body: tokenJson(ownToken(req.params.id, principalOf(req).userId)) })));

  router.add('DELETE', '/api/auth/tokens/:id/', loginOnly((req) => {
    world.tokens.delete(ownToken(req.params.id, principalOf(req).userId).id);
    return { status: 204 };
  }));

  router.add('POST', '/api/auth/tokens/:id/duplicate/', loginOnly((req) => {
    const userId = principalOf(req).userId;
    const source = ownToken(req.params.id, userId);
    const reader = new BodyReader(req.body, true);
    const name = reader.string('name', { max: 64 }) ?? `${source.name} (copy)`;
    reader.done();
    const token = createToken(userId, name, source.expires_at, [...source.scopes]);
    token.acl = structuredClone(source.acl);
    return { status: 201, body: tokenJson(token, true) };
  }));

  // The MFA link flow: the client opens `mfa_url`, then polls completion. Tests complete it with `access.mfaRequired = false`.
  router.add('GET', '/api/auth0/mfa/', (req) => {
    const server = req.query.get('server');
    const query = new URLSearchParams({ location: req.query.get('location') ?? 'cli', ...(server === null ? {} : { server }) });
    return { status: 200, body: { mfa_url: `${ctx.baseUrl()}/mfa/?${query.toString()}` } };
  }, { mfaExempt: true });
  router.add('GET', '/api/auth0/mfa/completion/', () => ({ status: 200, body: { completed: !ctx.access.mfaRequired } }), { mfaExempt: true });

  router.add('GET', '/api/workspaces/preferences/-/', () => ({ status: 200, body: { ...world.preferences } }));

  router.add('PATCH', '/api/workspaces/preferences/-/', (req) => {
    const reader = new BodyReader(req.body, true);
    const timeout = reader.number('websh_session_timeout');
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 60)) {
      reader.error('websh_session_timeout', 'Ensure this value is greater than or equal to 60.');
    }
    const language = reader.string('language', { pattern: /^(en|ko)$/, patternMessage: 'Not a valid choice (en or ko).' });
    const timezone = reader.string('timezone', { max: 64 });
    reader.done();
    if (timeout !== undefined) world.preferences.websh_session_timeout = timeout;
    if (language !== undefined) world.preferences.language = language;
    if (timezone !== undefined) world.preferences.timezone = timezone;
    return { status: 200, body: { ...world.preferences } };
  });
}

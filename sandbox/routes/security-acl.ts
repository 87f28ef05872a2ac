import { principalOf, type SandboxContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import { loginOnly } from '../http/login-credential.js';
import type { Router, SandboxRequest } from '../http/types.js';
import type { ApiToken, TokenAcl } from '../world/models.js';
import type { World } from '../world/world.js';
import { BodyReader, isUuid } from './body-reader.js';

type AclKind = keyof TokenAcl;

interface AclEntry {
  id: string;
  kind: AclKind;
  token: string;
  value: string;
  username: string;
  groupname: string;
  action: string;
}

/**
 * Token ACL management (`/api/security/{command,server,file}-acl/`). Entries feed the allow-lists in `token.acl`
 * that `AccessControl` enforces; removing a token's last entry of a kind lifts that restriction.
 */
export function registerSecurityAcl(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const entries = new Map<string, AclEntry>();

  const tokenOf = (id: string, userId: string): ApiToken | undefined => {
    const token = isUuid(id) ? world.tokens.get(id) : undefined;
    return token !== undefined && token.user === userId ? token : undefined;
  };
  const add = (kind: AclKind, token: ApiToken, value: string, extra: Partial<AclEntry> = {}): AclEntry => {
    const entry: AclEntry = { id: world.newId(), kind, token: token.id, value, username: '', groupname: '', action: '', ...extra };
    entries.set(entry.id, entry);
    (token.acl[kind] ??= []).push(value);
    return entry;
  };
  const remove = (entry: AclEntry): void => {
    entries.delete(entry.id);
    const token = world.tokens.get(entry.token);
    const list = token?.acl[entry.kind];
    if (token === undefined || list === undefined) return;
    const index = list.indexOf(entry.value);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) delete token.acl[entry.kind];
  };
  const json = (entry: AclEntry, w: World): Record<string, unknown> => {
    const base = { id: entry.id, token: entry.token, token_name: w.tokens.get(entry.token)?.name ?? null };
    if (entry.kind === 'commands') return { ...base, command: entry.value, username: entry.username, groupname: entry.groupname };
    if (entry.kind === 'paths') return { ...base, path: entry.value, action: entry.action, username: entry.username, groupname: entry.groupname };
    const server = w.servers.get(entry.value);
    return { ...base, server: { id: entry.value, name: server?.name ?? null } };
  };

  const routes: { path: string; kind: AclKind; field: string }[] = [
    { path: 'command-acl', kind: 'commands', field: 'command' },
    { path: 'server-acl', kind: 'servers', field: 'server' },
    { path: 'file-acl', kind: 'paths', field: 'path' },
  ];
  for (const { path, kind, field } of routes) {
    const base = `/api/security/${path}/`;
    router.add('GET', base, loginOnly((req) => {
      const userId = principalOf(req).userId;
      // The CLI filters with `token`, the Python MCP server with `api_token`: accept both.
      const token = req.query.get('token') ?? req.query.get('api_token');
      const mine = [...entries.values()].filter((e) => e.kind === kind && world.tokens.get(e.token)?.user === userId && (token === null || e.token === token));
      const page = paginate(req, mine);
      return { status: 200, body: { ...page, results: page.results.map((e) => json(e, world)) } };
    }));
    router.add('POST', base, loginOnly((req) => {
      const userId = principalOf(req).userId;
      const reader = new BodyReader(req.body);
      const tokenId = reader.reference('token', (id) => tokenOf(id, userId) !== undefined, true);
      const value = kind === 'servers'
        ? reader.reference(field, (id) => world.servers.get(id) !== undefined, true)
        : reader.string(field, { required: true, max: 1024 });
      const username = reader.string('username', { allowBlank: true, max: 32 }) ?? '';
      const groupname = reader.string('groupname', { allowBlank: true, max: 32 }) ?? '';
      const action = kind === 'paths' ? reader.string('action', { allowBlank: true, pattern: /^(upload|download|\*)?$/, patternMessage: 'Not a valid choice.' }) ?? '' : '';
      reader.done();
      const token = tokenOf(tokenId ?? '', userId);
      if (token === undefined || value === undefined) throw notFound();
      return { status: 201, body: json(add(kind, token, value, { username, groupname, action }), world) };
    }));
    router.add('PATCH', `${base}:id/`, loginOnly((req) => {
      const userId = principalOf(req).userId;
      const entry = entries.get(req.params.id);
      if (entry === undefined || entry.kind !== kind || world.tokens.get(entry.token)?.user !== userId) throw notFound();
      const reader = new BodyReader(req.body, true);
      const tokenId = reader.reference('token', (id) => tokenOf(id, userId) !== undefined);
      const value = kind === 'servers'
        ? reader.reference(field, (id) => world.servers.get(id) !== undefined)
        : reader.string(field, { max: 1024 });
      const username = kind === 'servers' ? undefined : reader.string('username', { allowBlank: true, max: 32 });
      const groupname = kind === 'servers' ? undefined : reader.string('groupname', { allowBlank: true, max: 32 });
      const action = kind === 'paths' ? reader.string('action', { allowBlank: true, pattern: /^(upload|download|\*)?$/, patternMessage: 'Not a valid choice.' }) : undefined;
      reader.done();
      // Re-file the allow-list value under the (possibly new) token so AccessControl sees the change.
      const token = tokenOf(tokenId ?? entry.token, userId);
      if (token === undefined) throw notFound();
      remove(entry);
      const updated = add(kind, token, value ?? entry.value, {
        id: entry.id, username: username ?? entry.username, groupname: groupname ?? entry.groupname, action: action ?? entry.action,
      });
      return { status: 200, body: json(updated, world) };
    }));
    router.add('DELETE', `${base}:id/`, loginOnly((req) => {
      const entry = entries.get(req.params.id);
      if (entry === undefined || entry.kind !== kind || world.tokens.get(entry.token)?.user !== principalOf(req).userId) throw notFound();
      remove(entry);
      return { status: 204 };
    }));
  }

  const bulk = (removing: boolean) => (req: SandboxRequest) => {
    const userId = principalOf(req).userId;
    const reader = new BodyReader(req.body);
    const tokenId = reader.reference('token', (id) => tokenOf(id, userId) !== undefined, true);
    const servers = reader.references('servers', (id) => world.servers.get(id) !== undefined);
    if (servers === undefined && !reader.has('servers')) reader.error('servers', 'This field is required.');
    reader.done();
    const token = tokenOf(tokenId ?? '', userId);
    if (token === undefined) throw notFound();
    if (removing) {
      const gone = [...entries.values()].filter((e) => e.kind === 'servers' && e.token === token.id && (servers ?? []).includes(e.value));
      gone.forEach(remove);
      return { status: 204 };
    }
    return { status: 201, body: (servers ?? []).map((s) => json(add('servers', token, s), world)) };
  };
  router.add('POST', '/api/security/server-acl/bulk/', loginOnly(bulk(false)));
  router.add('POST', '/api/security/server-acl/bulk/delete/', loginOnly(bulk(true)));
}

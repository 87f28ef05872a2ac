import { principalOf, type SandboxContext } from '../context.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import { BUILTIN_ACCOUNT_NAMES, systemUserId } from '../world/sysinfo.js';
import { BodyReader } from './body-reader.js';
import { ExtStore } from './ext-common.js';
import { requireStaff } from './iam-users.js';

const SERVICE_TYPES = ['ci_cd', 'monitoring', 'automation', 'integration'];

interface SystemUserRef {
  id: string;
  username: string;
  server: string;
}

interface Application {
  id: string;
  name: string;
  description: string;
  service_type: string;
  username: string;
  system_users: SystemUserRef[];
  added_at: string;
  updated_at: string;
}

/**
 * IAM applications (service accounts). Only the Python MCP server calls these (tools/iam_tools.py): paths, the body fields
 * (`name`, `description`, `service_type`, `system_user_ids`) and the answers of assign (a list of `{id, username}`) and unassign
 * (`{unassigned, system_user_ids}`) are the ones its tests/test_iam_tools.py mocks. The application `username` is what
 * alpacon-cli's whoami shows for an application principal (api/auth/types.go). Staff only to change.
 */
export function registerExtIamApps(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const apps = new ExtStore<Application>();

  const systemUser = (id: string): SystemUserRef | undefined => {
    for (const server of world.servers.all()) {
      for (const username of [...BUILTIN_ACCOUNT_NAMES, ...world.hostUsers()]) {
        if (systemUserId(server.id, username) === id) return { id, username, server: server.id };
      }
    }
    return undefined;
  };
  const readIds = (body: unknown): SystemUserRef[] => {
    const reader = new BodyReader(body);
    const ids = reader.stringList('system_user_ids');
    if (ids === undefined) reader.error('system_user_ids', 'This field is required.');
    else if (ids.length === 0) reader.error('system_user_ids', 'This list may not be empty.');
    const refs = (ids ?? []).map((id) => systemUser(id) ?? id);
    const unknown = refs.find((ref): ref is string => typeof ref === 'string');
    if (unknown !== undefined) reader.error('system_user_ids', `Invalid pk "${unknown}" - object does not exist.`);
    reader.done();
    return refs as SystemUserRef[];
  };
  const nameTaken = (name: string, except?: string) => apps.all().some((a) => a.name === name && a.id !== except);

  router.add('GET', '/api/iam/applications/', (req) => ({ status: 200, body: paginate(req, apps.all()) }));
  router.add('GET', '/api/iam/applications/:id/', (req) => ({ status: 200, body: apps.find(req.params.id) }));

  router.add('POST', '/api/iam/applications/', (req) => {
    requireStaff(principalOf(req));
    const reader = new BodyReader(req.body);
    const name = reader.string('name', { required: true, max: 128 });
    if (name !== undefined && nameTaken(name)) reader.error('name', 'application with this name already exists.');
    const description = reader.string('description', { allowBlank: true, max: 512 });
    const serviceType = reader.string('service_type', { pattern: new RegExp(`^(${SERVICE_TYPES.join('|')})$`), patternMessage: 'Not a valid choice.' });
    reader.done();
    const now = new Date().toISOString();
    const app = apps.add({
      id: world.newId(), name: name ?? '', description: description ?? '', service_type: serviceType ?? 'integration',
      username: `app-${(name ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, system_users: [], added_at: now, updated_at: now,
    });
    return { status: 201, body: app };
  });

  router.add('PATCH', '/api/iam/applications/:id/', (req) => {
    requireStaff(principalOf(req));
    const app = apps.find(req.params.id);
    const reader = new BodyReader(req.body, true);
    const name = reader.string('name', { max: 128 });
    if (name !== undefined && nameTaken(name, app.id)) reader.error('name', 'application with this name already exists.');
    const description = reader.string('description', { allowBlank: true, max: 512 });
    reader.done();
    Object.assign(app, { ...(name === undefined ? {} : { name }), ...(description === undefined ? {} : { description }), updated_at: new Date().toISOString() });
    return { status: 200, body: app };
  });

  router.add('DELETE', '/api/iam/applications/:id/', (req) => {
    requireStaff(principalOf(req));
    apps.delete(apps.find(req.params.id).id);
    return { status: 204 };
  });

  router.add('POST', '/api/iam/applications/:id/system-users/', (req) => {
    requireStaff(principalOf(req));
    const app = apps.find(req.params.id);
    const refs = readIds(req.body);
    for (const ref of refs) if (!app.system_users.some((u) => u.id === ref.id)) app.system_users.push(ref);
    return { status: 200, body: refs.map(({ id, username, server }) => ({ id, username, server })) };
  });

  router.add('POST', '/api/iam/applications/:id/system-users/unassign/', (req) => {
    requireStaff(principalOf(req));
    const app = apps.find(req.params.id);
    const ids = new Set(readIds(req.body).map((r) => r.id));
    const before = app.system_users.length;
    app.system_users = app.system_users.filter((u) => !ids.has(u.id));
    return { status: 200, body: { unassigned: before - app.system_users.length, system_user_ids: [...ids] } };
  });
}

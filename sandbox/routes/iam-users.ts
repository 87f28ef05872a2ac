import { principalOf, type SandboxContext } from '../context.js';
import { ApiError, notFound, permissionDenied } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Principal, Router } from '../http/types.js';
import type { WorkspaceUser } from '../world/models.js';
import type { World } from '../world/world.js';
import { applyOrdering, BodyReader, isUuid, queryBool } from './body-reader.js';
import { currentUserJson, userJson } from './iam-serializers.js';

const USERNAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const USERNAME_MESSAGE = 'Enter a valid username. It must start with a lowercase letter or _ and contain only lowercase letters, numbers, _ and - (at most 32 characters).';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireStaff(principal: Principal): void {
  if (!principal.isStaff && !principal.isSuperuser) throw permissionDenied();
}

function readUser(reader: BodyReader, world: World, current?: WorkspaceUser) {
  const creating = current === undefined;
  const username = reader.string('username', { required: creating, max: 32, pattern: USERNAME, patternMessage: USERNAME_MESSAGE });
  if (username !== undefined && world.users.all().some((u) => u.username === username && u.id !== current?.id)) {
    reader.error('username', 'A user with that username already exists.');
  }
  const password = reader.string('password', { max: 128 });
  if (password !== undefined && password.length < 8) reader.error('password', 'This password is too short. It must contain at least 8 characters.');
  const email = reader.string('email', { allowBlank: true, max: 254, pattern: EMAIL, patternMessage: 'Enter a valid email address.' });
  const shell = reader.string('shell', { pattern: /^\/[\w/.-]+$/, patternMessage: 'Enter a valid shell path.' });
  return {
    username, email, shell,
    first_name: reader.string('first_name', { allowBlank: true, max: 150 }),
    last_name: reader.string('last_name', { allowBlank: true, max: 150 }),
    phone: reader.string('phone', { allowBlank: true, max: 32 }),
    tags: reader.string('tags', { allowBlank: true, max: 255 }),
    description: reader.string('description', { allowBlank: true, max: 512 }),
    is_active: reader.boolean('is_active'),
    is_staff: reader.boolean('is_staff'),
    is_superuser: reader.boolean('is_superuser'),
    is_ldap_user: reader.boolean('is_ldap_user'),
  };
}

/** Read-only fields are dropped by DRF before validation. */
export function withoutKey(body: unknown, key: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { [key]: _dropped, ...rest } = body as Record<string, unknown>;
  return rest;
}

function applyFields(user: WorkspaceUser, fields: ReturnType<typeof readUser>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (user as unknown as Record<string, unknown>)[key] = value;
  }
}

export function registerIamUsers(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const find = (id: string): WorkspaceUser => {
    const user = isUuid(id) ? world.users.get(id) : undefined;
    if (user === undefined) throw notFound();
    return user;
  };

  router.add('GET', '/api/iam/users/-/', (req) => ({ status: 200, body: currentUserJson(world, world.users.require(principalOf(req).userId)) }));

  router.add('GET', '/api/iam/users/', (req) => {
    const q = req.query;
    let users = world.users.all();
    const username = q.get('username');
    if (username !== null) users = users.filter((u) => u.username === username);
    const email = q.get('email');
    if (email !== null) users = users.filter((u) => u.email === email);
    const active = queryBool(q, 'is_active');
    if (active !== undefined) users = users.filter((u) => u.is_active === active);
    const search = q.get('search')?.toLowerCase();
    if (search) users = users.filter((u) => [u.username, u.email, u.first_name, u.last_name].some((t) => t.toLowerCase().includes(search)));
    users = applyOrdering(users, q.get('ordering'), ['username', 'date_joined', 'email', 'uid'], 'username');
    const page = paginate(req, users);
    return { status: 200, body: { ...page, results: page.results.map((u) => userJson(world, u)) } };
  });

  router.add('GET', '/api/iam/users/:id/', (req) => ({ status: 200, body: userJson(world, find(req.params.id)) }));

  router.add('POST', '/api/iam/users/', (req) => {
    requireStaff(principalOf(req));
    const reader = new BodyReader(req.body);
    const fields = readUser(reader, world);
    // 2024: the model's password is required on create (alpacon-server iam/api/serializers.py UserSerializer).
    if (ctx.generation === '2024' && !reader.has('password')) reader.error('password', 'This field is required.');
    reader.done();
    const user: WorkspaceUser = {
      id: world.newId(), username: '', first_name: '', last_name: '', email: '', phone: '', tags: '', description: '',
      shell: '/bin/bash', uid: Math.max(2000, ...world.users.all().map((u) => u.uid)) + 1, is_active: true, is_staff: false,
      is_superuser: false, is_ldap_user: false, date_joined: new Date().toISOString(),
    };
    applyFields(user, fields);
    world.users.add(user);
    return { status: 201, body: userJson(world, user) };
  });

  router.add('PATCH', '/api/iam/users/:id/', (req) => {
    const principal = principalOf(req);
    const user = find(req.params.id);
    if (user.id !== principal.userId) requireStaff(principal);
    // 2024: UserUpdateSerializer makes username read-only, so a new one is silently ignored.
    const reader = new BodyReader(ctx.generation === '2024' ? withoutKey(req.body, 'username') : req.body, true);
    const fields = readUser(reader, world, user);
    if (!principal.isSuperuser && fields.is_superuser === true) reader.error('is_superuser', 'Only a superuser can grant superuser status.');
    reader.done();
    applyFields(user, fields);
    return { status: 200, body: userJson(world, user) };
  });

  router.add('DELETE', '/api/iam/users/:id/', (req) => {
    const principal = principalOf(req);
    requireStaff(principal);
    const user = find(req.params.id);
    if (user.id === principal.userId) throw new ApiError(400, { detail: 'You cannot delete yourself.' });
    world.users.delete(user.id);
    for (const membership of world.memberships.all()) if (membership.user === user.id) world.memberships.delete(membership.id);
    return { status: 204 };
  });
}

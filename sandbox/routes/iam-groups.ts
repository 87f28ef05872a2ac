import { principalOf, type SandboxContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import type { Group, Membership } from '../world/models.js';
import { applyOrdering, BodyReader, isUuid } from './body-reader.js';
import { groupJson, membershipJson } from './iam-serializers.js';
import { requireStaff, withoutKey } from './iam-users.js';

const GROUP_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const ROLES = ['member', 'manager', 'owner'];

export function registerIamGroups(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const findGroup = (id: string): Group => {
    const group = isUuid(id) ? world.groups.get(id) : undefined;
    if (group === undefined) throw notFound();
    return group;
  };
  const readGroup = (reader: BodyReader, current?: Group) => {
    const name = reader.string('name', {
      required: current === undefined, max: 32, pattern: GROUP_NAME,
      patternMessage: 'Enter a valid group name: lowercase letters, numbers, _ and -, starting with a letter or _.',
    });
    if (name !== undefined && world.groups.all().some((g) => g.name === name && g.id !== current?.id)) {
      reader.error('name', 'group with this name already exists.');
    }
    return {
      name,
      display_name: reader.string('display_name', { allowBlank: true, max: 128 }),
      description: reader.string('description', { allowBlank: true, max: 512 }),
      tags: reader.string('tags', { allowBlank: true, max: 255 }),
      is_ldap_group: reader.boolean('is_ldap_group'),
      servers: reader.references('servers', (id) => world.servers.get(id) !== undefined),
    };
  };
  const apply = (group: Group, fields: ReturnType<typeof readGroup>) => {
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) (group as unknown as Record<string, unknown>)[key] = value;
    group.updated_at = new Date().toISOString();
  };

  router.add('GET', '/api/iam/groups/', (req) => {
    let groups = world.groups.all();
    const name = req.query.get('name');
    if (name !== null) groups = groups.filter((g) => g.name === name);
    const search = req.query.get('search')?.toLowerCase();
    if (search) groups = groups.filter((g) => g.name.includes(search) || g.display_name.toLowerCase().includes(search));
    groups = applyOrdering(groups, req.query.get('ordering'), ['name', 'added_at', 'gid'], 'name');
    const page = paginate(req, groups);
    return { status: 200, body: { ...page, results: page.results.map((g) => groupJson(world, g)) } };
  });

  router.add('GET', '/api/iam/groups/:id/', (req) => ({ status: 200, body: groupJson(world, findGroup(req.params.id)) }));

  router.add('POST', '/api/iam/groups/', (req) => {
    const principal = principalOf(req);
    requireStaff(principal);
    const reader = new BodyReader(req.body);
    const fields = readGroup(reader);
    // 2024: display_name is a required model field (alpacon-server iam/models.py, iam/api/serializers.py GroupSerializer).
    if (ctx.generation === '2024' && !fields.display_name) reader.error('display_name', 'This field is required.');
    reader.done();
    const now = new Date().toISOString();
    const group: Group = {
      id: world.newId(), name: '', display_name: fields.name ?? '', description: '', tags: '',
      gid: Math.max(3000, ...world.groups.all().map((g) => g.gid)) + 1, is_ldap_group: false, servers: [], added_at: now, updated_at: now,
    };
    apply(group, fields);
    world.groups.add(group);
    world.memberships.add({ id: world.newId(), group: group.id, user: principal.userId, role: 'owner' });
    return { status: 201, body: groupJson(world, group) };
  });

  router.add('PATCH', '/api/iam/groups/:id/', (req) => {
    requireStaff(principalOf(req));
    const group = findGroup(req.params.id);
    // 2024: GroupUpdateSerializer makes name read-only (ignored).
    const reader = new BodyReader(ctx.generation === '2024' ? withoutKey(req.body, 'name') : req.body, true);
    const fields = readGroup(reader, group);
    reader.done();
    apply(group, fields);
    return { status: 200, body: groupJson(world, group) };
  });

  router.add('DELETE', '/api/iam/groups/:id/', (req) => {
    requireStaff(principalOf(req));
    const group = findGroup(req.params.id);
    world.groups.delete(group.id);
    for (const m of world.memberships.all()) if (m.group === group.id) world.memberships.delete(m.id);
    for (const server of world.servers.all()) if (server.groups.includes(group.id)) server.groups = server.groups.filter((g) => g !== group.id);
    return { status: 204 };
  });

  router.add('GET', '/api/iam/memberships/', (req) => {
    let memberships = world.memberships.all();
    const user = req.query.get('user');
    if (user !== null) memberships = memberships.filter((m) => m.user === user);
    const group = req.query.get('group');
    if (group !== null) memberships = memberships.filter((m) => m.group === group);
    const page = paginate(req, memberships);
    return { status: 200, body: { ...page, results: page.results.map((m) => membershipJson(world, m)) } };
  });

  router.add('POST', '/api/iam/memberships/', (req) => {
    requireStaff(principalOf(req));
    const reader = new BodyReader(req.body);
    const group = reader.reference('group', (id) => world.groups.get(id) !== undefined, true);
    const user = reader.reference('user', (id) => world.users.get(id) !== undefined, true);
    const role = reader.string('role') ?? 'member';
    if (!ROLES.includes(role)) reader.error('role', `"${role}" is not a valid choice.`);
    if (group !== undefined && user !== undefined && world.memberships.all().some((m) => m.group === group && m.user === user)) {
      reader.error('non_field_errors', 'The fields group, user must make a unique set.');
    }
    reader.done();
    const membership: Membership = world.memberships.add({ id: world.newId(), group: group ?? '', user: user ?? '', role });
    return { status: 201, body: membershipJson(world, membership) };
  });

  const findMembership = (id: string): Membership => {
    const membership = isUuid(id) ? world.memberships.get(id) : undefined;
    if (membership === undefined) throw notFound();
    return membership;
  };

  router.add('GET', '/api/iam/memberships/:id/', (req) => ({ status: 200, body: membershipJson(world, findMembership(req.params.id)) }));

  router.add('PATCH', '/api/iam/memberships/:id/', (req) => {
    requireStaff(principalOf(req));
    const membership = findMembership(req.params.id);
    const reader = new BodyReader(req.body, true);
    const role = reader.string('role');
    if (role !== undefined && !ROLES.includes(role)) reader.error('role', `"${role}" is not a valid choice.`);
    reader.done();
    if (role !== undefined) membership.role = role;
    return { status: 200, body: membershipJson(world, membership) };
  });

  router.add('DELETE', '/api/iam/memberships/:id/', (req) => {
    requireStaff(principalOf(req));
    world.memberships.delete(findMembership(req.params.id).id);
    return { status: 204 };
  });
}

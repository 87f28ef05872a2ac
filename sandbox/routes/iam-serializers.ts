import type { Group, Membership, WorkspaceUser } from '../world/models.js';
import { serverSummary, userSummary } from '../world/summaries.js';
import type { World } from '../world/world.js';

export function userJson(world: World, user: WorkspaceUser): Record<string, unknown> {
  return {
    id: user.id, username: user.username, first_name: user.first_name, last_name: user.last_name, email: user.email,
    phone: user.phone, tags: user.tags, description: user.description, shell: user.shell,
    num_groups: world.memberships.all().filter((m) => m.user === user.id).length, uid: user.uid, is_active: user.is_active,
    is_staff: user.is_staff, is_superuser: user.is_superuser, is_ldap_user: user.is_ldap_user, date_joined: user.date_joined,
  };
}

/** The current-user (privilege check) view: the user plus home directory and privilege. */
export function currentUserJson(world: World, user: WorkspaceUser): Record<string, unknown> {
  const privilege = user.is_superuser ? 'superuser' : user.is_staff ? 'staff' : 'general';
  return { ...userJson(world, user), home_directory: `/home/${user.username}`, privilege, workspace_role: privilege };
}

export function groupJson(world: World, group: Group): Record<string, unknown> {
  const members = world.memberships.all().filter((m) => m.group === group.id);
  return {
    id: group.id, name: group.name, display_name: group.display_name, description: group.description, tags: group.tags,
    num_members: members.length,
    members_names: members.map((m) => world.users.get(m.user)?.username ?? '').filter((n) => n !== ''),
    gid: group.gid, is_ldap_group: group.is_ldap_group,
    servers: group.servers.flatMap((id) => {
      const server = world.servers.get(id);
      return server === undefined ? [] : [serverSummary(server)];
    }),
    added_at: group.added_at, updated_at: group.updated_at,
  };
}

export function membershipJson(world: World, membership: Membership): Record<string, unknown> {
  const user = world.users.get(membership.user);
  return {
    id: membership.id, group: membership.group, group_name: world.groups.get(membership.group)?.name ?? null,
    user: user === undefined ? null : userSummary(user), role: membership.role,
  };
}

import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type ToolContext } from '../../core/index.js';
import { ListSystemGroupsInput, ListSystemPackagesInput, ListSystemUsersInput } from './dto.js';
import { listOutput } from './output-schemas.js';
import { getList } from './read-proc.js';

const MAX_ACCOUNTS = 200;
const DEFAULT_PACKAGES = 100;

/** OS-level users, groups and installed packages of one server (not workspace IAM). */
@injectable()
export class AccountTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_system_users',
    aliases: {
      username_filter: 'username',
      // false filtered nothing there; login_enabled false would ask for accounts that cannot log in.
      login_enabled_only: { to: 'login_enabled', convert: (only) => (only === false ? undefined : only), note: 'true → login_enabled true; false → no filter' },
    },
    title: 'List OS users',
    description:
      'OS user accounts on a server (uid, gid, home, shell) as its agent reports them; older self-hosted servers (2024) list only those linked to an Alpacon user. Workspace members: list_iam_users.',
    input: ListSystemUsersInput,
    annotations: Effects.read,
    output: listOutput('users'),
    searchHint: 'system os users accounts passwd uid',
  })
  async listSystemUsers({ server_id, username, login_enabled, workspace, region }: ListSystemUsersInput, ctx: ToolContext) {
    const { items, ...list } = await getList(this.alpacon, { workspace, region }, {
      path: '/api/proc/users/',
      serverId: server_id,
      limit: MAX_ACCOUNTS,
      filters: { search: username, login_enabled },
      narrowHint: 'pass username to narrow the list',
      signal: ctx.signal,
    });
    // The 2024 server has no login_enabled filter (django-filter ignores unknown keys): say so instead of implying it applied.
    const ignored = login_enabled !== undefined && items.some((user) => !('login_enabled' in user));
    const note = ignored ? [list.note, 'This server ignores login_enabled; the list is not filtered by it.'].filter(Boolean).join(' ') : list.note;
    // Each entry's `server` repeats server_id: left out, so the id (assign_application_system_users needs it) fits the item budget.
    const users = items.map(({ server: _server, ...user }) => user);
    return reply({ ...list, ...(note ? { note } : {}), users }, `${users.length} of ${list.count} user(s).`);
  }

  @Tool({
    name: 'list_system_groups',
    aliases: { groupname_filter: 'groupname' },
    title: 'List OS groups',
    description: 'OS groups on a server (gid; members where listed) as its agent reports them; older self-hosted servers (2024) list only those linked to an Alpacon group. Not IAM groups.',
    input: ListSystemGroupsInput,
    annotations: Effects.read,
    output: listOutput('groups'),
    searchHint: 'unix linux etc group',
  })
  async listSystemGroups({ server_id, groupname, workspace, region }: ListSystemGroupsInput, ctx: ToolContext) {
    const { items, ...list } = await getList(this.alpacon, { workspace, region }, {
      path: '/api/proc/groups/',
      serverId: server_id,
      limit: MAX_ACCOUNTS,
      filters: { search: groupname },
      narrowHint: 'pass groupname to narrow the list',
      signal: ctx.signal,
    });
    return reply({ ...list, groups: items }, `${items.length} of ${list.count} group(s).`);
  }

  @Tool({
    name: 'list_system_packages',
    title: 'List installed packages',
    description: 'Installed OS packages (deb/rpm) on a server with version and architecture. Search by name to check one.',
    input: ListSystemPackagesInput,
    annotations: Effects.read,
    output: listOutput('packages'),
    searchHint: 'installed packages software version deb rpm',
  })
  async listSystemPackages({ server_id, package_name, architecture, limit = DEFAULT_PACKAGES, workspace, region }: ListSystemPackagesInput, ctx: ToolContext) {
    const { items, ...list } = await getList(this.alpacon, { workspace, region }, {
      path: '/api/proc/packages/',
      serverId: server_id,
      limit,
      filters: { search: package_name, arch: architecture },
      narrowHint: 'pass package_name or architecture to narrow it, or a larger limit',
      signal: ctx.signal,
    });
    return reply({ ...list, packages: items }, `${items.length} of ${list.count} package(s).`);
  }
}

import { fieldErrors } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { SandboxRequest } from '../http/types.js';
import type { ServerRecord } from '../world/models.js';
import type { World } from '../world/world.js';
import { networkInterfaces, systemGroups, systemTime, systemUsers } from '../world/sysinfo.js';
import { isUuid } from './body-reader.js';

/**
 * `/api/proc/` as the 2024 open-source server answers it (alpacanetworks/alpacon-server `proc/api/views.py`,
 * `proc/api/serializers.py`, `servers/api/mixins.py`): every endpoint is a paginated list filtered by django-filter
 * (`filterset_fields`; an unknown query key such as `login_enabled` is ignored), users and groups only where linked to an
 * Alpacon user or group, the clock without its write-only `datetime`/`uptime`, interfaces without the loopback MAC.
 */

/** django-filter's ModelChoiceFilter: an unknown or malformed server is a 400 on the field, not an empty page. */
export function serverFilter2024(world: World, query: URLSearchParams): ServerRecord {
  const id = query.get('server') ?? '';
  const server = isUuid(id) ? world.servers.get(id) : undefined;
  if (id !== '' && server === undefined) {
    throw fieldErrors({ server: ['Select a valid choice. That choice is not one of the available choices.'] });
  }
  // Without a server the real view lists every server's rows; the sandbox keeps to one server per call.
  if (server === undefined) throw fieldErrors({ server: ['This field is required.'] });
  return server;
}

function search<T extends object>(req: SandboxRequest, items: T[], fields: (keyof T)[]): T[] {
  const text = req.query.get('search')?.toLowerCase();
  return text ? items.filter((item) => fields.some((field) => String(item[field]).toLowerCase().includes(text))) : items;
}

export function systemUsers2024(req: SandboxRequest, world: World, server: ServerRecord) {
  const groups = new Map(systemGroups(server, world.host(server.id)).map((g) => [g.gid, g.groupname]));
  const users = systemUsers(server, world.host(server.id))
    .flatMap((u) => {
      const iamUser = world.findUserByUsername(u.username);
      if (iamUser === undefined) return [];
      const iamGroup = world.groups.all().find((g) => g.name === groups.get(u.gid));
      return [{
        id: `${server.id.slice(0, 8)}-${u.uid}`, uid: u.uid, gid: u.gid, username: u.username, description: '', directory: u.directory,
        shell: u.shell, group: groups.get(u.gid) ?? null, iam_user: iamUser.id, iam_group: iamGroup?.id ?? null,
      }];
    })
    .sort((a, b) => a.username.localeCompare(b.username));
  return paginate(req, search(req, users, ['username', 'directory', 'shell']));
}

export function systemGroups2024(req: SandboxRequest, world: World, server: ServerRecord) {
  const groups = systemGroups(server, world.host(server.id))
    .flatMap((g) => {
      const iamGroup = world.groups.all().find((group) => group.name === g.groupname);
      return iamGroup === undefined ? [] : [{ id: `${server.id.slice(0, 8)}-g${g.gid}`, gid: g.gid, groupname: g.groupname, iam_group: iamGroup.id, added_at: server.added_at }];
    })
    .sort((a, b) => a.groupname.localeCompare(b.groupname));
  return paginate(req, search(req, groups, ['groupname']));
}

/** SystemTimeSerializer: `datetime` and `uptime` are write-only, so a read carries only these. */
export function systemTime2024(req: SandboxRequest, server: ServerRecord) {
  const { timezone, boot_time } = systemTime(server, Date.now());
  return paginate(req, [{ timezone, boot_time, added_at: server.added_at }]);
}

export function interfaces2024(req: SandboxRequest, server: ServerRecord) {
  return paginate(req, search(req, networkInterfaces(server).filter((i) => i.mac !== '00:00:00:00:00:00'), ['name', 'mac']));
}

import type { SandboxContext } from '../context.js';
import { paginate } from '../http/pagination.js';
import type { Router, SandboxRequest } from '../http/types.js';
import { queryBool } from './body-reader.js';
import { serverFromQuery } from './metrics.js';
import {
  disks, hardwareInfo, networkInterfaces, osInfo, packages, partitions, systemGroups, systemTime, systemUsers,
} from '../world/sysinfo.js';

function searched<T extends object>(req: SandboxRequest, items: T[], fields: (keyof T)[]): T[] {
  const search = req.query.get('search')?.toLowerCase();
  if (!search) return items;
  return items.filter((item) => fields.some((f) => String(item[f]).toLowerCase().includes(search)));
}

/** System information under /api/proc/: single objects for info/os/time, paginated lists for the rest. */
export function registerProc(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const server = (req: SandboxRequest) => serverFromQuery(world, req.query);

  router.add('GET', '/api/proc/info/', (req) => ({ status: 200, body: hardwareInfo(server(req)) }));
  router.add('GET', '/api/proc/os/', (req) => {
    const s = server(req);
    return { status: 200, body: osInfo(s, world.host(s.id)) };
  });
  router.add('GET', '/api/proc/time/', (req) => ({ status: 200, body: systemTime(server(req), Date.now()) }));
  router.add('GET', '/api/proc/users/', (req) => {
    const s = server(req);
    let users = searched(req, systemUsers(s, world.host(s.id)), ['username']);
    const login = queryBool(req.query, 'login_enabled');
    if (login !== undefined) users = users.filter((u) => u.login_enabled === login);
    return { status: 200, body: paginate(req, users) };
  });
  router.add('GET', '/api/proc/groups/', (req) => {
    const s = server(req);
    return { status: 200, body: paginate(req, searched(req, systemGroups(s, world.host(s.id)), ['groupname'])) };
  });
  router.add('GET', '/api/proc/packages/', (req) => {
    let list = searched(req, packages(server(req)), ['name']);
    const arch = req.query.get('arch');
    if (arch !== null && arch !== '') list = list.filter((p) => p.arch === arch);
    return { status: 200, body: paginate(req, list) };
  });
  router.add('GET', '/api/proc/interfaces/', (req) => ({ status: 200, body: paginate(req, searched(req, networkInterfaces(server(req)), ['name'])) }));
  router.add('GET', '/api/proc/disks/', (req) => ({ status: 200, body: paginate(req, disks(server(req))) }));
  router.add('GET', '/api/proc/partitions/', (req) => ({ status: 200, body: paginate(req, partitions(server(req))) }));
}

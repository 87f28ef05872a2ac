import type { SandboxContext } from '../context.js';
import { paginate } from '../http/pagination.js';
import type { Router, SandboxRequest } from '../http/types.js';
import { queryBool } from './body-reader.js';
import { serverFromQuery } from './metrics.js';
import { interfaces2024, serverFilter2024, systemGroups2024, systemTime2024, systemUsers2024 } from './proc-2024.js';
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
  if (ctx.generation === '2024') {
    registerProc2024(router, ctx);
    return;
  }
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

/** The 2024 server's `/api/proc/` (see proc-2024.ts); it has no disks or partitions (absent-2024.ts). */
function registerProc2024(router: Router, { world }: SandboxContext): void {
  const server = (req: SandboxRequest) => serverFilter2024(world, req.query);
  const one = (req: SandboxRequest, record: object) => ({ status: 200, body: paginate(req, [record]) });
  router.add('GET', '/api/proc/info/', (req) => one(req, withoutServer(hardwareInfo(server(req)))));
  router.add('GET', '/api/proc/os/', (req) => {
    const s = server(req);
    return one(req, withoutServer(osInfo(s, world.host(s.id))));
  });
  router.add('GET', '/api/proc/time/', (req) => ({ status: 200, body: systemTime2024(req, server(req)) }));
  router.add('GET', '/api/proc/users/', (req) => ({ status: 200, body: systemUsers2024(req, world, server(req)) }));
  router.add('GET', '/api/proc/groups/', (req) => ({ status: 200, body: systemGroups2024(req, world, server(req)) }));
  router.add('GET', '/api/proc/interfaces/', (req) => ({ status: 200, body: interfaces2024(req, server(req)) }));
  router.add('GET', '/api/proc/packages/', (req) => {
    let list = searched(req, packages(server(req)), ['name']);
    const arch = req.query.get('arch');
    if (arch !== null && arch !== '') list = list.filter((p) => p.arch === arch);
    return { status: 200, body: paginate(req, list) };
  });
}

/** The 2024 serializers exclude `server` from info and OS records. */
function withoutServer<T extends { server?: unknown }>(record: T): Omit<T, 'server'> {
  const { server: _server, ...rest } = record;
  return rest;
}

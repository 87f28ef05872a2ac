import { principalOf, type SandboxContext } from '../context.js';
import { ApiError, notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import type { ServerRecord } from '../world/models.js';
import { userSummary } from '../world/summaries.js';
import type { World } from '../world/world.js';
import { applyOrdering, BodyReader, isUuid, queryBool } from './body-reader.js';

/** Action names of the official CLI and the Python MCP server, plus short legacy aliases. */
const DISRUPTIVE_ACTIONS = new Set([
  'reboot_system', 'shutdown_system', 'upgrade_system', 'restart_agent', 'shutdown_agent', 'upgrade_agent',
  'reboot', 'shutdown', 'upgrade', 'restart',
]);
const KNOWN_ACTIONS = new Set([...DISRUPTIVE_ACTIONS, 'update_information', 'update', 'sync', 'commission']);

export function serverDetails(world: World, server: ServerRecord): Record<string, unknown> {
  const owner = world.users.get(server.owner);
  const delayMs = Math.round(server.delay * 1000);
  return {
    id: server.id, name: server.name, remote_ip: server.remote_ip,
    status: server.is_connected
      ? { code: 'connected', icon: 'connected', text: 'Connected', color: 'green', messages: [],
          meta: { delay_now: delayMs, delay_1h: delayMs + 3, delay_1d: delayMs + 7, delay_1w: delayMs + 11 } }
      : { code: 'disconnected', icon: 'disconnected', text: 'Disconnected', color: 'red',
          messages: ['Alpamon agent is not connected.'], meta: { delay_now: null, delay_1h: null, delay_1d: null, delay_1w: null } },
    is_connected: server.is_connected, commissioned: server.commissioned, starred: server.starred,
    cpu_physical_cores: server.cpu_physical_cores, cpu_logical_cores: server.cpu_logical_cores, cpu_type: server.cpu_type,
    physical_memory: server.physical_memory, os_name: server.os_name, os_version: server.os_version, load: server.load,
    boot_time: server.boot_time, added_at: server.added_at,
    owner: owner === undefined ? null : userSummary(owner), groups: [...server.groups],
  };
}

/** Looks a server up by the `:id` path param: not a UUID or unknown → 404 (DRF). */
export function serverFromParam(world: World, id: string): ServerRecord {
  if (!isUuid(id)) throw notFound();
  return world.servers.require(id);
}

export function registerServers(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;

  router.add('GET', '/api/servers/servers/', (req) => {
    const q = req.query;
    let servers = world.servers.all();
    const name = q.get('name');
    if (name !== null) servers = servers.filter((s) => s.name === name);
    const search = q.get('search')?.toLowerCase();
    if (search) servers = servers.filter((s) => s.name.toLowerCase().includes(search) || s.remote_ip.includes(search));
    const connected = queryBool(q, 'is_connected');
    if (connected !== undefined) servers = servers.filter((s) => s.is_connected === connected);
    const starred = queryBool(q, 'starred');
    if (starred !== undefined) servers = servers.filter((s) => s.starred === starred);
    const osName = q.get('os_name');
    if (osName !== null) servers = servers.filter((s) => s.os_name === osName);
    const group = q.get('groups') ?? q.get('group');
    if (group !== null) servers = servers.filter((s) => s.groups.includes(group));
    servers = applyOrdering(servers, q.get('ordering'), ['name', 'added_at', 'remote_ip', 'load', 'os_name', 'boot_time'], 'name');
    const page = paginate(req, servers);
    return { status: 200, body: { ...page, results: page.results.map((s) => serverDetails(world, s)) } };
  });

  router.add('GET', '/api/servers/servers/:id/', (req) => ({ status: 200, body: serverDetails(world, serverFromParam(world, req.params.id)) }));

  router.add('PATCH', '/api/servers/servers/:id/', (req) => {
    const server = serverFromParam(world, req.params.id);
    const reader = new BodyReader(req.body, true);
    const name = reader.string('name', { max: 128, pattern: /^[A-Za-z0-9._-]+$/, patternMessage: 'Enter a valid server name.' });
    const commissioned = reader.boolean('commissioned');
    const starred = reader.boolean('starred');
    const groups = reader.references('groups', (id) => world.groups.get(id) !== undefined);
    if (name !== undefined && world.servers.all().some((s) => s.name === name && s.id !== server.id)) {
      reader.error('name', 'server with this name already exists.');
    }
    reader.done();
    if (name !== undefined) server.name = name;
    if (commissioned !== undefined) server.commissioned = commissioned;
    if (starred !== undefined) server.starred = starred;
    if (groups !== undefined) server.groups = groups;
    return { status: 200, body: serverDetails(world, server) };
  });

  router.add('DELETE', '/api/servers/servers/:id/', (req) => {
    const server = serverFromParam(world, req.params.id);
    ctx.access.checkServer(principalOf(req), server.id);
    world.servers.delete(server.id);
    return { status: 204 };
  });

  router.add('POST', '/api/servers/servers/:id/star/', (req) => {
    const server = serverFromParam(world, req.params.id);
    const reader = new BodyReader(req.body, true);
    const status = reader.boolean('status');
    reader.done();
    server.starred = status ?? !server.starred;
    return { status: 200, body: { starred: server.starred } };
  });

  router.add('POST', '/api/servers/servers/:id/actions/', (req) => {
    const server = serverFromParam(world, req.params.id);
    ctx.access.checkServer(principalOf(req), server.id);
    const reader = new BodyReader(req.body);
    const action = reader.string('action', { required: true });
    const force = reader.boolean('force') ?? false;
    if (action !== undefined && !KNOWN_ACTIONS.has(action)) reader.error('action', `"${action}" is not a valid choice.`);
    reader.done();
    if (!server.is_connected) {
      throw new ApiError(409, { detail: 'The server is not connected.', code: 'server_not_connected' });
    }
    if (action !== undefined && DISRUPTIVE_ACTIONS.has(action) && server.busyWithUserWork && !force) {
      throw new ApiError(409, {
        detail: 'The server has active user work. Retry later or use force.', code: 'server_busy_with_user_work',
      });
    }
    return { status: 202, body: { detail: `Action "${action ?? ''}" accepted.`, action, force, server: server.id } };
  });
}

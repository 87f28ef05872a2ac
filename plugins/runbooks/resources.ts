import { injectable, Resource, type ToolContext } from '../../core/index.js';
import { InventoryResourceInput, ServerResourceInput } from './dto.js';

interface Server {
  id: string;
  name: string;
  remote_ip?: string;
  os_name?: string;
  os_version?: string;
  is_connected?: boolean;
  [key: string]: unknown;
}

const INVENTORY_LIMIT = 500;

/** Context a client can attach: one server's summary, or a workspace's inventory. */
@injectable()
export class WorkspaceResources {
  @Resource({
    uriTemplate: 'alpacon://{region}/{workspace}/servers/{server_id}',
    name: 'server',
    title: 'Server summary',
    description: 'One server: details, OS and its five most recent events.',
    input: ServerResourceInput,
  })
  async server({ server_id }: ServerResourceInput, ctx: ToolContext) {
    const options = { resource: { what: 'Server', id: server_id } };
    const [server, os, events] = await Promise.all([
      ctx.alpacon.get<Server>(`/api/servers/servers/${server_id}/`, options),
      ctx.alpacon.get('/api/proc/os/', { ...options, query: { server: server_id } }).catch(() => null),
      ctx.alpacon.page('/api/events/events/', 1, 5, { ...options, query: { server: server_id, ordering: '-added_at' } }).catch(() => null),
    ]);
    return { server, os, recent_events: events?.results ?? null };
  }

  @Resource({
    uriTemplate: 'alpacon://{region}/{workspace}/inventory',
    name: 'inventory',
    title: 'Workspace inventory',
    description: `Every server of the workspace (up to ${INVENTORY_LIMIT}): id, name, IP, OS and connection state.`,
    input: InventoryResourceInput,
  })
  async inventory(target: InventoryResourceInput, ctx: ToolContext) {
    const found = await ctx.alpacon.collect<Server>('/api/servers/servers/', INVENTORY_LIMIT, { query: { ordering: 'name' } });
    const servers = found.items.map((s) => ({ id: s.id, name: s.name, remote_ip: s.remote_ip, os: [s.os_name, s.os_version].filter(Boolean).join(' '), is_connected: s.is_connected }));
    return {
      workspace: target.workspace,
      region: target.region,
      count: found.count,
      connected: servers.filter((s) => s.is_connected).length,
      servers,
      ...(found.truncated ? { note: `Only the first ${INVENTORY_LIMIT} of ${found.count} servers; use list_servers to page through the rest.` } : {}),
    };
  }
}

import { ALPACON, AlpaconClient, inject, injectable, isRegion, isUUID, isWorkspaceSlug, InvalidInputError, Resource, type ToolContext } from '../../core/index.js';

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
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Resource({
    uriTemplate: 'alpacon://{region}/{workspace}/servers/{server_id}',
    name: 'server',
    title: 'Server summary',
    description: 'One server: details, OS and its five most recent events.',
  })
  async server(params: Record<string, string>, ctx: ToolContext) {
    const target = checkedTarget(params);
    if (!isUUID(params.server_id)) throw new InvalidInputError([{ field: 'server_id', problems: ['must be a UUID'] }]);
    const options = { signal: ctx.signal, resource: { what: 'Server', id: params.server_id } };
    const [server, os, events] = await Promise.all([
      this.alpacon.get<Server>(target, `/api/servers/servers/${params.server_id}/`, options),
      this.alpacon.get(target, '/api/proc/os/', { ...options, query: { server: params.server_id } }).catch(() => null),
      this.alpacon.page(target, '/api/events/events/', 1, 5, { ...options, query: { server: params.server_id, ordering: '-added_at' } }).catch(() => null),
    ]);
    return { server, os, recent_events: events?.results ?? null };
  }

  @Resource({
    uriTemplate: 'alpacon://{region}/{workspace}/inventory',
    name: 'inventory',
    title: 'Workspace inventory',
    description: `Every server of the workspace (up to ${INVENTORY_LIMIT}): id, name, IP, OS and connection state.`,
  })
  async inventory(params: Record<string, string>, ctx: ToolContext) {
    const target = checkedTarget(params);
    const found = await this.alpacon.collect<Server>(target, '/api/servers/servers/', INVENTORY_LIMIT, { signal: ctx.signal, query: { ordering: 'name' } });
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

function checkedTarget(params: Record<string, string>): { workspace: string; region: string } {
  const problems = [
    ...(isWorkspaceSlug(params.workspace) ? [] : [{ field: 'workspace', problems: ['must be a workspace name'] }]),
    ...(isRegion(params.region) ? [] : [{ field: 'region', problems: ['must be ap1, us1, eu1 or dev'] }]),
  ];
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { workspace: params.workspace, region: params.region };
}

import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, summarizePage, Tool, type ToolContext } from '../../core/index.js';
import { GetServerInput, GetServerOverviewInput, ListServersInput } from './dto.js';
import { fetchOverview } from './overview.js';
import { OVERVIEW_OUTPUT } from './schemas.js';

interface ServerSummary {
  id: string;
  name: string;
  remote_ip?: string;
  is_connected?: boolean;
  os_name?: string;
  os_version?: string;
  status?: { text?: string };
  [key: string]: unknown;
}

/** What list_servers shows of each server by default: enough to choose one. */
const SERVER_SUMMARY = ['id', 'name', 'is_connected', 'os_name', 'os_version', 'remote_ip', 'load'];

@injectable()
export class ServerTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_servers',
    title: 'List servers',
    description:
      'Servers in the workspace: id, name, connected, OS, IP and load (get_server or fields for the rest).',
    input: ListServersInput,
    annotations: Effects.read,
    alwaysLoad: true,
    searchHint: 'servers hosts machines inventory find server id',
  })
  async listServers({ search, name, fields, page = 1, page_size = 20, ...target }: ListServersInput, ctx: ToolContext) {
    const result = await this.alpacon.page<ServerSummary>(target, '/api/servers/servers/', page, page_size, {
      query: { search, name, ordering: 'name' },
      signal: ctx.signal,
    });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(summarizePage(result, SERVER_SUMMARY, fields), `${result.results.length} of ${result.count} server(s).${more}`);
  }

  @Tool({
    name: 'get_server',
    alwaysLoad: true,
    title: 'Get server',
    description: 'Details of one server: OS, CPU, memory, IP, load, owner and connection state.',
    input: GetServerInput,
    annotations: Effects.read,
    searchHint: 'server details os cpu memory',
  })
  async getServer({ server_id, ...target }: GetServerInput, ctx: ToolContext) {
    const server = await this.alpacon.get<ServerSummary>(target, `/api/servers/servers/${server_id}/`, {
      resource: { what: 'Server', id: server_id },
      signal: ctx.signal,
    });
    return reply(server, `${server.name} (${server.is_connected ? 'connected' : 'disconnected'})`);
  }

  @Tool({
    name: 'get_server_overview',
    alwaysLoad: true,
    title: 'Server overview',
    description:
      'Server health in one call: details, hardware/OS info, cpu and memory of the last hour. Failed parts are listed in errors.',
    input: GetServerOverviewInput,
    annotations: Effects.read,
    output: OVERVIEW_OUTPUT,
    searchHint: 'server overview health status summary system info cpu memory',
  })
  async getServerOverview({ server_id, ...target }: GetServerOverviewInput, ctx: ToolContext) {
    const overview = await fetchOverview(this.alpacon, target, server_id, ctx.signal, ctx.log);
    const name = (overview.server as ServerSummary | null)?.name ?? server_id;
    const missing = overview.errors.map((e) => e.part).join(', ');
    return reply(overview, overview.complete ? `Overview of ${name}.` : `Partial overview of ${name}; failed: ${missing}.`);
  }
}

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

/** Item budget of list results, bytes of compact JSON (issue 18): what an agent needs to choose, not every field. */
const ITEM_BUDGET = 200;

const perItem = (items: unknown[]) => Buffer.byteLength(JSON.stringify(items)) / items.length;

describe('a tools/list that costs an agent little', () => {
  it('leaves workspace and region out when only one workspace is possible, and still accepts them', async () => {
    const t = await connectToSandbox({ rc: { plugins: ['servers'] } });
    try {
      const { tools } = await t.client.listTools();
      for (const tool of tools) {
        const properties = Object.keys((tool.inputSchema.properties ?? {}) as object);
        expect({ tool: tool.name, leaked: properties.filter((p) => p === 'workspace' || p === 'region') }).toEqual({ tool: tool.name, leaked: [] });
      }
      expect(t.client.getInstructions()).toContain(`workspace "${t.sandbox.workspace}" in region "${t.sandbox.region}"`);
      const serverId = t.sandbox.world.servers.all()[0].id;
      expect((await t.call('get_server', { server_id: serverId })).ok).toBe(true);
      expect((await t.call('get_server', { server_id: serverId, workspace: t.sandbox.workspace, region: t.sandbox.region })).ok).toBe(true);
      const badRegion = await t.call('get_server', { server_id: serverId, region: 'mars' });
      expect(badRegion.error?.code).toBe('invalid_input');
    } finally {
      await t.close();
    }
  });

  it('publishes and requires workspace when several workspaces are configured and none is the default', async () => {
    const c = await connect({ rc: { plugins: ['servers'] }, env: { ALPACON_MCP_AP1_ONE_TOKEN: 'token-one-xxxxxxxx', ALPACON_MCP_US1_TWO_TOKEN: 'token-two-xxxxxxxx' } });
    try {
      const tool = (await c.client.listTools()).tools.find((t) => t.name === 'get_server');
      expect(Object.keys(tool?.inputSchema.properties ?? {})).toEqual(['server_id', 'workspace', 'region']);
      expect(tool?.inputSchema.required).toEqual(['server_id', 'workspace']);
    } finally {
      await c.close();
    }
  });

  it('hides them with defaultWorkspace too', async () => {
    const c = await connect({ rc: { plugins: ['servers'], defaultWorkspace: 'acme' }, env: {} });
    try {
      const tool = (await c.client.listTools()).tools.find((t) => t.name === 'get_server');
      expect(Object.keys(tool?.inputSchema.properties ?? {})).toEqual(['server_id']);
    } finally {
      await c.close();
    }
  });

  it('publishes output schemas only when outputSchemas is on', async () => {
    for (const outputSchemas of [false, true]) {
      const c = await connect({ rc: { plugins: ['servers', 'events'], outputSchemas }, env: {} });
      try {
        const withSchema = (await c.client.listTools()).tools.filter((t) => t.outputSchema !== undefined);
        expect({ outputSchemas, published: withSchema.length > 0 }).toEqual({ outputSchemas, published: outputSchemas });
      } finally {
        await c.close();
      }
    }
  });
});

describe('list results that cost an agent little', () => {
  let t: SandboxedConnection;
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['all'] }, sandbox: { servers: 8 } });
  });
  afterAll(() => t.close());

  const items = async (tool: string, args: Record<string, unknown> = {}) => {
    const outcome = await t.call(tool, args);
    expect({ tool, ok: outcome.ok }).toEqual({ tool, ok: true });
    const data = outcome.data as Record<string, unknown>;
    return { list: (data.results ?? data.events) as Record<string, unknown>[], omitted: data.omitted_fields as string[] | undefined };
  };

  it('list_servers gives id, name, connected, OS, address and load, and names what it left out', async () => {
    const { list, omitted } = await items('list_servers');
    expect(list.length).toBeGreaterThan(1);
    for (const server of list) expect(Object.keys(server).sort()).toEqual(['id', 'is_connected', 'load', 'name', 'os_name', 'os_version', 'remote_ip']);
    expect(omitted).toEqual(expect.arrayContaining(['owner', 'groups', 'status']));
  });

  it('gives more fields on request, or all of them with ["*"]', async () => {
    const withOwner = await items('list_servers', { fields: ['owner'] });
    expect(withOwner.list[0]).toHaveProperty('owner');
    expect(withOwner.list[0]).not.toHaveProperty('groups');
    const everything = await items('list_servers', { fields: ['*'] });
    expect(everything.omitted).toBeUndefined();
    expect(Object.keys(everything.list[0])).toEqual(expect.arrayContaining(['owner', 'groups', 'status', 'cpu_type', 'physical_memory']));
    const bad = await t.call('list_servers', { fields: 'owner' });
    expect(bad.error?.code).toBe('invalid_input');
  });

  it('every list tool stays within the item budget', async () => {
    const serverId = t.sandbox.world.servers.all()[0].id;
    const tools = (await t.client.listTools()).tools.filter((tool) => tool.name.startsWith('list_') || tool.name === 'search_events');
    const measured: string[] = [];
    for (const tool of tools) {
      const properties = (tool.inputSchema.properties ?? {}) as Record<string, unknown>;
      const args: Record<string, unknown> = {};
      if ('server_id' in properties) args.server_id = serverId;
      if ('search_query' in properties) args.search_query = 'e';
      const outcome = await t.call(tool.name, args);
      // Tools that need a user's login (not an API token) cannot be measured here.
      if (outcome.error?.code === 'login_required') continue;
      expect({ tool: tool.name, ok: outcome.ok }).toEqual({ tool: tool.name, ok: true });
      const data = outcome.data as Record<string, unknown>;
      const list = Object.values(data).filter((v): v is object[] => Array.isArray(v) && v.every((item) => typeof item === 'object'))
        .sort((a, b) => b.length - a.length)[0];
      if (!list || list.length === 0) continue; // nothing to measure in the sandbox's world
      measured.push(tool.name);
      expect({ tool: tool.name, bytesPerItem: Math.round(perItem(list)) <= ITEM_BUDGET }).toEqual({ tool: tool.name, bytesPerItem: true });
    }
    expect(measured.length).toBeGreaterThanOrEqual(20);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { firstRecord } from '../../plugins/sysinfo/read-proc.js';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

describe('firstRecord (pure)', () => {
  it('reads an object, a list or a page, and nothing from an empty one', () => {
    expect(firstRecord({ hostname: 'a' })).toEqual({ hostname: 'a' });
    expect(firstRecord([{ hostname: 'b' }])).toEqual({ hostname: 'b' });
    expect(firstRecord({ count: 1, results: [{ hostname: 'c' }] })).toEqual({ hostname: 'c' });
    expect(firstRecord({ count: 0, results: [] })).toBeUndefined();
    expect(firstRecord([])).toBeUndefined();
    expect(firstRecord('x')).toBeUndefined();
  });
});

describe('sysinfo plugin through MCP against the sandbox', () => {
  let t: SandboxedConnection;
  let serverId: string;
  const unknownServer = UNKNOWN_ID;
  const call = (name: string, args: Record<string, unknown> = {}) => t.call(name, { workspace: t.sandbox.workspace, ...args });
  type List = { server_id: string; count: number; truncated: boolean; note?: string } & Record<string, unknown>;

  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['sysinfo'], http: { retries: 0 }, outputSchemas: true } });
    // Listing first makes the SDK client check every structuredContent against the tool's outputSchema.
    const { tools } = await t.client.listTools();
    const bytes = tools.map((tool) => JSON.stringify(tool).length);
    process.stderr.write(`sysinfo tools/list: ${tools.length} tools, ${bytes.reduce((a, b) => a + b, 0)} bytes, max ${Math.max(...bytes)}\n`);
    serverId = t.sandbox.world.servers.all()[0].id;
  });
  afterAll(async () => t.close());
  afterEach(() => t.sandbox.faults.clear());

  /** The one request the last call sent. */
  const onlyRequest = () => {
    const sent = t.sandbox.requests.all();
    expect(sent).toHaveLength(1);
    return sent[0];
  };

  const singleRecordTools = [
    { tool: 'get_system_info', path: '/api/proc/info/', field: 'hostname' },
    { tool: 'get_os_version', path: '/api/proc/os/', field: 'name' },
    { tool: 'get_system_time', path: '/api/proc/time/', field: undefined },
  ];
  for (const { tool, path, field } of singleRecordTools) {
    it(`${tool} sends GET ${path}?server= and returns the record`, async () => {
      t.sandbox.requests.clear();
      const result = await call(tool, { server_id: serverId });
      expect(result.error).toBeUndefined();
      expect(onlyRequest()).toMatchObject({ method: 'GET', path, query: { server: serverId }, status: 200 });
      const data = result.data as Record<string, unknown>;
      expect(Object.keys(data).length).toBeGreaterThan(0);
      if (field) expect(typeof data[field]).toBe('string');
    });
  }

  const allTools: [string, Record<string, unknown>][] = [
    ['get_system_info', {}],
    ['get_os_version', {}],
    ['get_system_time', {}],
    ['get_network_interfaces', {}],
    ['get_disk_info', {}],
    ['list_system_users', { username: 'root' }],
    ['list_system_groups', { groupname: 'sudo' }],
    ['list_system_packages', { package_name: 'ssl', limit: 10 }],
  ];
  for (const [tool, extra] of allTools) {
    it(`${tool} refuses a bad server_id or an unknown argument without sending anything`, async () => {
      t.sandbox.requests.clear();
      const badId = await call(tool, { server_id: 'web-1', ...extra });
      expect(badId.error?.code).toBe('invalid_input');
      expect((badId.error?.details?.fields as { field: string }[]).map((f) => f.field)).toEqual(['server_id']);
      const unknownArg = await call(tool, { server_id: serverId, page_size: 5, ...extra });
      expect(unknownArg.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it(`${tool} on an unknown server is not_found naming the id`, async () => {
      const result = await call(tool, { server_id: unknownServer, ...extra });
      expect(result.error?.code).toBe('not_found');
      expect(result.error?.message).toContain(unknownServer);
    });
  }

  it('get_network_interfaces lists the interfaces', async () => {
    t.sandbox.requests.clear();
    const result = await call('get_network_interfaces', { server_id: serverId });
    expect(result.error).toBeUndefined();
    expect(onlyRequest()).toMatchObject({ path: '/api/proc/interfaces/', query: { server: serverId } });
    const data = result.data as List & { interfaces: { name: string; is_loopback: boolean }[] };
    expect(data).toMatchObject({ server_id: serverId, truncated: false });
    expect(data.interfaces.length).toBe(data.count);
    expect(data.interfaces.some((i) => i.is_loopback === false)).toBe(true);
  });

  it('get_disk_info fetches disks and partitions together', async () => {
    t.sandbox.requests.clear();
    t.sandbox.faults.add({ kind: 'latency', ms: 500, pathPrefix: '/api/proc/' });
    const result = await call('get_disk_info', { server_id: serverId });
    expect(result.error).toBeUndefined();
    const sent = t.sandbox.requests.all();
    // Both arrived while the other was still held back by the latency: they were in flight together.
    expect(Math.abs(sent[0].time - sent[1].time)).toBeLessThan(500);
    expect(sent.map((r) => r.path).sort()).toEqual(['/api/proc/disks/', '/api/proc/partitions/']);
    for (const request of sent) expect(request.query.server).toBe(serverId);
    const data = result.data as { server_id: string; disks: unknown[]; partitions: { mount_points: string[] }[] };
    expect(data.server_id).toBe(serverId);
    expect(data.disks.length).toBeGreaterThan(0);
    expect(data.partitions.some((p) => p.mount_points.includes('/'))).toBe(true);
  });

  it('list_system_users passes the username search and login_enabled', async () => {
    t.sandbox.requests.clear();
    const result = await call('list_system_users', { server_id: serverId, username: 'root', login_enabled: true });
    expect(result.error).toBeUndefined();
    expect(onlyRequest()).toMatchObject({ path: '/api/proc/users/', query: { server: serverId, search: 'root', login_enabled: 'true' } });
    const data = result.data as List & { users: { username: string; login_enabled: boolean }[] };
    expect(data.users.map((u) => u.username)).toContain('root');
    expect(data.users.every((u) => u.username.includes('root') && u.login_enabled)).toBe(true);

    t.sandbox.requests.clear();
    const locked = await call('list_system_users', { server_id: serverId, login_enabled: false });
    expect(onlyRequest().query).toMatchObject({ login_enabled: 'false' });
    const lockedUsers = (locked.data as { users: { login_enabled: boolean }[] }).users;
    expect(lockedUsers.length).toBeGreaterThan(0);
    expect(lockedUsers.every((u) => !u.login_enabled)).toBe(true);

    t.sandbox.requests.clear();
    await call('list_system_users', { server_id: serverId });
    expect(Object.keys(onlyRequest().query).sort()).toEqual(['page', 'page_size', 'server']);
  });

  it('list_system_groups passes the groupname search', async () => {
    t.sandbox.requests.clear();
    const result = await call('list_system_groups', { server_id: serverId, groupname: 'sudo' });
    expect(result.error).toBeUndefined();
    expect(onlyRequest()).toMatchObject({ path: '/api/proc/groups/', query: { server: serverId, search: 'sudo' } });
    const data = result.data as List & { groups: { groupname: string }[] };
    expect(data.groups.length).toBeGreaterThan(0);
    expect(data.groups.every((g) => g.groupname.includes('sudo'))).toBe(true);
  });

  it('list_system_packages passes search and arch, and caps at limit with a note', async () => {
    t.sandbox.requests.clear();
    const all = await call('list_system_packages', { server_id: serverId });
    expect(onlyRequest()).toMatchObject({ path: '/api/proc/packages/', query: { server: serverId, page_size: '100' } });
    const total = (all.data as List).count;
    expect(total).toBeGreaterThan(3);

    t.sandbox.requests.clear();
    const capped = await call('list_system_packages', { server_id: serverId, limit: 3 });
    const cappedData = capped.data as List & { packages: unknown[] };
    expect(cappedData.packages).toHaveLength(3);
    expect(cappedData).toMatchObject({ count: total, truncated: true });
    expect(cappedData.note).toContain('package_name');

    const arch = ((all.data as { packages: { arch: string }[] }).packages[0]).arch;
    t.sandbox.requests.clear();
    const filtered = await call('list_system_packages', { server_id: serverId, package_name: 'ssl', architecture: arch });
    expect(onlyRequest().query).toMatchObject({ server: serverId, search: 'ssl', arch });
    const packages = (filtered.data as { packages: { name: string; arch: string }[] }).packages;
    expect(packages.every((p) => p.name.includes('ssl') && p.arch === arch)).toBe(true);
  });

  it('list_system_packages refuses a limit out of range without sending anything', async () => {
    t.sandbox.requests.clear();
    for (const limit of [0, 1001, 2.5, '10']) {
      expect((await call('list_system_packages', { server_id: serverId, limit })).error?.code).toBe('invalid_input');
    }
    expect(t.sandbox.requests.all()).toHaveLength(0);
  });

  it('a 5xx from Alpacon becomes a structured unavailable error', async () => {
    t.sandbox.faults.add({ kind: 'error5xx', status: 503, pathPrefix: '/api/proc/partitions/' });
    const result = await call('get_disk_info', { server_id: serverId });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'unavailable', status: 503 });
  });
});

import { expect, it } from '@jest/globals';
import type { AlpaconClient } from '../../core/index.js';
import { discoverDiskDevice } from '../../plugins/metrics/discover.js';
import { describeGenerations } from './generations.js';

/**
 * Metrics against both server generations (shared/alpacon-api.md section 0, "disk usage"):
 * - `/api/metrics/realtime/disk-usage/` requires `device` or `partition`; the device comes from
 *   `…/disk-usage/device/?server=` (`{devices: [...]}`), traffic uses the first up, non-loopback interface of
 *   `/api/proc/interfaces/` (alpacon-mcp Python tools/metrics_tools.py get_disk_usage, get_server_metrics_summary).
 * - the 2024 server has no metrics app (alpacanetworks/alpacon-server alpacon/urls.py, settings.REST_API_APPS): every
 *   metrics tool answers the stable code `unsupported`.
 */
const SERIES = /^\/api\/metrics\/realtime\/(cpu|memory|disk-usage|disk-io|traffic)\/$/;
const TOOLS: Record<string, Record<string, unknown>> = {
  get_cpu_usage: {}, get_memory_usage: {}, get_disk_usage: {}, get_disk_io: {}, get_network_traffic: {}, get_server_metrics_summary: {},
};

it('without devices from the metrics API, the partition mounted at / is used; without one either, not_found', async () => {
  const answer = (devices: string[], partitions: unknown[]) => ({
    get: async (_target: unknown, path: string) => (path.endsWith('/device/') ? { devices } : { count: partitions.length, results: partitions }),
  }) as unknown as AlpaconClient;
  const lookup = { target: { workspace: 'w', region: 'ap1' }, serverId: 's' };
  expect(await discoverDiskDevice(answer([], [{ name: 'nvme0n1p1', mount_points: ['/boot'] }, { name: 'nvme0n1p2', mount_points: ['/'] }]), lookup)).toBe('nvme0n1p2');
  expect(await discoverDiskDevice(answer(['/dev/xvda1'], []), lookup)).toBe('/dev/xvda1');
  await expect(discoverDiskDevice(answer([], [{ name: 'sdb1', mount_points: ['/data'] }]), lookup)).rejects.toMatchObject({ code: 'not_found' });
});

describeGenerations('metrics contract', ({ generation, mcp }) => {
  const server = () => mcp().sandbox.world.servers.all()[0].id;
  const call = (tool: string, args: Record<string, unknown>) => mcp().call(tool, { workspace: mcp().sandbox.workspace, ...args });

  if (generation === '2024') {
    it('every metrics tool says the server has no metrics (unsupported), naming no server as missing', async () => {
      for (const [tool, args] of Object.entries(TOOLS)) {
        const outcome = await call(tool, { server_id: server(), ...args });
        expect({ tool, code: outcome.error?.code }).toEqual({ tool, code: 'unsupported' });
        expect(outcome.error?.message).toContain('metrics');
      }
      for (const tool of ['get_top_servers', 'get_alert_rules']) expect((await call(tool, {})).error?.code).toBe('unsupported');
    });
    return;
  }

  it('the service refuses disk usage without device or partition (the sandbox plays the refusal)', async () => {
    const { sandbox } = mcp();
    const response = await fetch(`${sandbox.url}/api/metrics/realtime/disk-usage/?server=${server()}`, { headers: { authorization: `token="${sandbox.token}"` } });
    expect(response.status).toBe(400);
  });

  it('get_disk_usage without device finds the first device first, then queries with it', async () => {
    const { sandbox } = mcp();
    sandbox.requests.clear();
    const outcome = await call('get_disk_usage', { server_id: server() });
    expect(outcome.error).toBeUndefined();
    const sent = sandbox.requests.all().map((r) => ({ path: r.path, query: r.query as Record<string, string>, status: r.status }));
    expect(sent[0]).toMatchObject({ path: '/api/metrics/realtime/disk-usage/device/', query: { server: server() }, status: 200 });
    const devices = (await (await fetch(`${sandbox.url}${sent[0].path}?server=${server()}`, { headers: { authorization: `token="${sandbox.token}"` } })).json()) as { devices: string[] };
    expect(sent[1]).toMatchObject({ path: '/api/metrics/realtime/disk-usage/', query: { device: devices.devices[0] }, status: 200 });
    expect((outcome.data as { count: number }).count).toBeGreaterThan(0);
  });

  it('get_disk_usage with a partition sends it and looks nothing up', async () => {
    const { sandbox } = mcp();
    sandbox.requests.clear();
    expect((await call('get_disk_usage', { server_id: server(), partition: '/' })).error).toBeUndefined();
    expect(sandbox.requests.all().map((r) => r.path)).toEqual(['/api/metrics/realtime/disk-usage/']);
  });

  it('get_server_metrics_summary sends disk usage with a device and traffic with the first up, non-loopback interface', async () => {
    const { sandbox } = mcp();
    sandbox.requests.clear();
    const outcome = await call('get_server_metrics_summary', { server_id: server() });
    expect(outcome.error).toBeUndefined();
    expect((outcome.data as { errors?: unknown }).errors).toBeUndefined();
    const series = sandbox.requests.all().filter((r) => SERIES.test(r.path));
    const disk = series.find((r) => r.path.includes('disk-usage'))?.query as Record<string, string>;
    const traffic = series.find((r) => r.path.includes('traffic'))?.query as Record<string, string>;
    expect(disk.device).toMatch(/\S/);
    const interfaces = sandbox.requests.all().find((r) => r.path === '/api/proc/interfaces/');
    expect(interfaces?.status).toBe(200);
    expect(traffic.interface).toBe('eth0'); // the sandbox lists lo first (loopback), then eth0
  });
});

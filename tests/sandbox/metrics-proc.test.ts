import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../sandbox/index.js';
import { list, obj, withSandbox, type TestClient } from './helpers.js';

describe('sandbox metrics and system info', () => {
  let sandbox: Sandbox;
  let client: TestClient;
  let server: string;
  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox({ servers: 8 }));
    server = sandbox.world.servers.all()[0].id;
  });
  afterAll(() => sandbox.stop());

  it('serves a point per 5 minutes over the requested range, identical on repeat', async () => {
    const path = `/api/metrics/realtime/cpu/?server=${server}&start=2026-03-01T00:00:00Z&end=2026-03-01T01:00:00Z`;
    const body = obj((await client.get(path)).body);
    const results = list(body.results);
    expect(results).toHaveLength(13);
    expect(results[0]).toEqual({ timestamp: '2026-03-01T00:00:00.000Z', server, usage: expect.any(Number) });
    expect(results.every((r) => Number(r.usage) >= 0 && Number(r.usage) <= 100)).toBe(true);
    expect((await client.get(path)).body).toEqual(body);
  });

  it('defaults to the last 24 hours', async () => {
    const results = list(obj((await client.get(`/api/metrics/realtime/memory/?server=${server}`)).body).results);
    expect(results.length).toBeGreaterThanOrEqual(288);
    expect(results.length).toBeLessThanOrEqual(289);
    expect(results[0]).toHaveProperty('usage');
  });

  it('filters disk usage by partition and lists devices', async () => {
    const devices = obj((await client.get(`/api/metrics/realtime/disk-usage/device/?server=${server}`)).body);
    expect(devices.devices).toContain('/dev/sda1');
    const rows = list(obj((await client.get(`/api/metrics/realtime/disk-usage/?server=${server}&partition=/&start=2026-03-01T00:00:00Z&end=2026-03-01T00:10:00Z`)).body).results);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ device: '/dev/sda1', mount_point: '/' });
    for (const field of ['usage', 'total', 'used', 'free']) expect(rows[0]).toHaveProperty(field);
  });

  it('serves disk-io and traffic fields', async () => {
    const range = 'start=2026-03-01T00:00:00Z&end=2026-03-01T00:00:00Z';
    const io = list(obj((await client.get(`/api/metrics/realtime/disk-io/?server=${server}&${range}`)).body).results)[0];
    expect(Object.keys(io)).toEqual(expect.arrayContaining(['device', 'peak_read_bps', 'peak_write_bps', 'avg_read_bps', 'avg_write_bps']));
    const traffic = list(obj((await client.get(`/api/metrics/realtime/traffic/?server=${server}&interface=eth0&${range}`)).body).results);
    expect(traffic).toHaveLength(1);
    expect(Object.keys(traffic[0])).toEqual(expect.arrayContaining(['interface', 'peak_input_bps', 'peak_output_bps', 'avg_input_bps', 'avg_output_bps', 'peak_input_pps', 'peak_output_pps']));
  });

  it('ranks top servers', async () => {
    for (const metric of ['cpu', 'memory', 'disk-io', 'traffic']) {
      const results = list(obj((await client.get(`/api/metrics/realtime/${metric}/top/`)).body).results);
      expect(results).toHaveLength(5);
      expect(Number(results[0].value)).toBeGreaterThanOrEqual(Number(results[4].value));
      expect(obj(results[0].server)).toHaveProperty('name');
    }
  });

  it('answers field errors for a missing or malformed server and bad dates, 404 for an unknown one', async () => {
    const missing = await client.get('/api/metrics/realtime/cpu/');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ server: ['This field is required.'] });
    expect((await client.get('/api/metrics/realtime/cpu/?server=abc')).status).toBe(400);
    expect((await client.get('/api/proc/info/?server=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const badDate = await client.get(`/api/metrics/realtime/cpu/?server=${server}&start=yesterday`);
    expect(badDate.body).toEqual({ start: ['Enter a valid date/time.'] });
  });

  it('manages alert rules with validation', async () => {
    const listed = obj((await client.get('/api/metrics/alert-rules/')).body);
    expect(listed.count).toBe(3);
    const created = await client.post('/api/metrics/alert-rules/', { name: 'Load', metric_type: 'cpu', condition: 'gt', threshold: 70, servers: [server] });
    expect(created.status).toBe(201);
    const id = String(obj(created.body).id);
    expect(obj((await client.patch(`/api/metrics/alert-rules/${id}/`, { enabled: false })).body).enabled).toBe(false);
    const bad = await client.post('/api/metrics/alert-rules/', { metric_type: 'heat', condition: 'gt' });
    expect(bad.status).toBe(400);
    expect(Object.keys(obj(bad.body)).sort()).toEqual(['metric_type', 'name', 'threshold']);
    expect((await client.delete(`/api/metrics/alert-rules/${id}/`)).status).toBe(204);
  });

  it('serves system info consistent with the server and its shell', async () => {
    const s = sandbox.world.servers.all()[0];
    expect(obj((await client.get(`/api/proc/info/?server=${server}`)).body)).toMatchObject({
      hostname: s.name, cpu_logical_cores: s.cpu_logical_cores, physical_memory: s.physical_memory,
    });
    const os = obj((await client.get(`/api/proc/os/?server=${server}`)).body);
    expect(os).toMatchObject({ name: s.os_name, version: s.os_version });
    const uname = await sandbox.world.host(server).exec('uname -r', { user: 'root' });
    expect(uname.output.trim()).toBe(os.kernel);
    const time = obj((await client.get(`/api/proc/time/?server=${server}`)).body);
    expect(time).toMatchObject({ boot_time: s.boot_time, uptime: expect.any(Number), timezone: expect.any(String) });
  });

  it('pages and filters system users, groups and packages', async () => {
    const users = obj((await client.get(`/api/proc/users/?server=${server}&login_enabled=true`)).body);
    const names = list(users.results).map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['root', 'sandbox-admin', 'alice']));
    expect(names).not.toContain('nobody');
    const id = await sandbox.world.host(server).exec('id -u', { user: 'alice' });
    expect(list(users.results).find((u) => u.username === 'alice')?.uid).toBe(Number(id.output.trim()));
    const groups = list(obj((await client.get(`/api/proc/groups/?server=${server}&search=sudo`)).body).results);
    expect(groups.map((g) => g.groupname)).toEqual(['sudo']);
    const packages = obj((await client.get(`/api/proc/packages/?server=${server}&page_size=5`)).body);
    expect(list(packages.results)).toHaveLength(5);
    expect(packages.next).toBe(2);
    const ssh = list(obj((await client.get(`/api/proc/packages/?server=${server}&search=openssh`)).body).results);
    expect(ssh[0]).toMatchObject({ name: 'openssh-server', version: expect.any(String), arch: expect.any(String) });
  });

  it('lists interfaces, disks and partitions', async () => {
    const ifaces = list(obj((await client.get(`/api/proc/interfaces/?server=${server}`)).body).results);
    expect(ifaces.find((i) => i.name === 'lo')).toMatchObject({ is_loopback: true, is_up: true });
    expect(ifaces.find((i) => i.name === 'eth0')).toMatchObject({ is_loopback: false });
    const parts = list(obj((await client.get(`/api/proc/partitions/?server=${server}`)).body).results);
    expect(parts[0]).toMatchObject({ name: 'sda1', mount_points: ['/'] });
    expect(list(obj((await client.get(`/api/proc/disks/?server=${server}`)).body).results)[0]).toHaveProperty('size');
  });
});

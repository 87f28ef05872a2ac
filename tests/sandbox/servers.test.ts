import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../sandbox/index.js';
import { list, obj, withSandbox, type TestClient } from './helpers.js';

describe('sandbox servers', () => {
  let sandbox: Sandbox;
  let client: TestClient;
  beforeAll(async () => ({ sandbox, client } = await withSandbox({ servers: 12 })));
  afterAll(() => sandbox.stop());

  it('lists servers paginated with page numbers and ServerDetails fields', async () => {
    const res = await client.get('/api/servers/servers/?page_size=5');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = obj(res.body);
    expect(body).toMatchObject({ count: 12, current: 1, next: 2, previous: null, last: 3 });
    const first = list(body.results)[0];
    for (const field of ['id', 'name', 'remote_ip', 'status', 'is_connected', 'commissioned', 'starred', 'cpu_physical_cores',
      'cpu_logical_cores', 'cpu_type', 'physical_memory', 'os_name', 'os_version', 'load', 'boot_time', 'owner', 'groups']) {
      expect(first).toHaveProperty(field);
    }
    expect(obj(first.status)).toHaveProperty('meta');
    expect(obj(first.owner)).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), email: expect.any(String) }));
  });

  it('gives some servers disconnected, never the first', async () => {
    const all = list(obj((await client.get('/api/servers/servers/?page_size=100')).body).results);
    const disconnected = all.filter((s) => s.is_connected === false);
    expect(disconnected.length).toBeGreaterThanOrEqual(1);
    expect(disconnected.length).toBeLessThanOrEqual(2);
    expect(sandbox.world.servers.all()[0].is_connected).toBe(true);
  });

  it('filters by exact name; unknown name gives count 0', async () => {
    const hit = obj((await client.get('/api/servers/servers/?name=web-01')).body);
    expect(hit.count).toBe(1);
    expect(list(hit.results)[0].name).toBe('web-01');
    const miss = obj((await client.get('/api/servers/servers/?name=nope')).body);
    expect(miss).toMatchObject({ count: 0, results: [], next: null, last: 1 });
  });

  it('serves server detail; unknown id and a path without trailing slash are 404', async () => {
    const id = sandbox.world.servers.all()[0].id;
    expect((await client.get(`/api/servers/servers/${id}/`)).status).toBe(200);
    expect((await client.get(`/api/servers/servers/${id}`)).status).toBe(404);
    const missing = await client.get('/api/servers/servers/00000000-0000-4000-8000-000000000000/');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Not found.' });
    expect((await client.get('/api/servers/servers/not-a-uuid/')).status).toBe(404);
  });

  it('answers 405 for a known path with the wrong method', async () => {
    const res = await client.request('PUT', '/api/servers/servers/');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
  });

  it('refuses disruptive actions on a busy server with 409 unless forced', async () => {
    const server = sandbox.world.servers.all()[1];
    server.busyWithUserWork = true;
    for (const action of ['reboot_system', 'shutdown_system', 'upgrade_system', 'restart_agent', 'shutdown_agent', 'upgrade_agent']) {
      const busy = await client.post(`/api/servers/servers/${server.id}/actions/`, { action, force: false });
      expect(busy.status).toBe(409);
      expect(obj(busy.body).code).toBe('server_busy_with_user_work');
    }
    const forced = await client.post(`/api/servers/servers/${server.id}/actions/`, { action: 'reboot_system', force: true });
    expect(forced.status).toBe(202);
    const harmless = await client.post(`/api/servers/servers/${server.id}/actions/`, { action: 'update_information', force: false });
    expect(harmless.status).toBe(202);
    const bad = await client.post(`/api/servers/servers/${server.id}/actions/`, { action: 'explode' });
    expect(bad.status).toBe(400);
    expect(obj(bad.body).action).toEqual(['"explode" is not a valid choice.']);
  });

  it('stars a server and patches editable fields', async () => {
    const id = sandbox.world.servers.all()[2].id;
    const star = await client.post(`/api/servers/servers/${id}/star/`);
    expect(obj(star.body).starred).toBe(true);
    expect(obj((await client.post(`/api/servers/servers/${id}/star/`, { status: true })).body).starred).toBe(true);
    expect(obj((await client.post(`/api/servers/servers/${id}/star/`, { status: false })).body).starred).toBe(false);
    expect(obj((await client.post(`/api/servers/servers/${id}/star/`, { status: true })).body).starred).toBe(true);
    const patched = await client.patch(`/api/servers/servers/${id}/`, { name: 'renamed-01' });
    expect(obj(patched.body).name).toBe('renamed-01');
    const clash = await client.patch(`/api/servers/servers/${id}/`, { name: 'web-01' });
    expect(clash.status).toBe(400);
    expect(obj(clash.body).name).toEqual(['server with this name already exists.']);
  });

  it('is deterministic: the same seed gives the same world', async () => {
    const again = await withSandbox({ servers: 12 });
    try {
      const a = obj((await client.get('/api/servers/servers/?page_size=100')).body).results;
      const b = obj((await again.client.get('/api/servers/servers/?page_size=100')).body).results;
      const ids = (r: unknown) => list(r).map((s) => s.id).sort();
      expect(ids(b)).toEqual(ids(a));
      const other = await withSandbox({ servers: 12, seed: 7 });
      expect(other.sandbox.world.servers.all()[0].id).not.toBe(sandbox.world.servers.all()[0].id);
      await other.sandbox.stop();
    } finally {
      await again.sandbox.stop();
    }
  });
});

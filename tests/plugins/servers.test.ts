import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

interface Summary {
  count: number;
  min: number | null;
  avg: number | null;
  max: number | null;
  latest: number | null;
}

interface Overview {
  server: { id: string; name: string } | null;
  system_info: unknown;
  os: unknown;
  metrics: { window_start: string; window_end: string; cpu: Summary | null; memory: Summary | null };
  complete: boolean;
  errors: { part: string; code: string }[];
}

describe('servers plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  let serverId: string;
  // No retries: each fault below is hit exactly once and the request log stays exact.
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { http: { retries: 0 } } });
    ws = { workspace: t.sandbox.workspace };
    serverId = t.sandbox.world.servers.all()[0].id;
  });
  afterEach(() => t.sandbox.faults.clear());
  afterAll(async () => t.close());

  describe('list_servers / get_server', () => {
    it('list_servers sends the filters and paging as query', async () => {
      const name = t.sandbox.world.servers.all()[1].name;
      t.sandbox.requests.clear();
      const result = await t.call('list_servers', { ...ws, search: name, page: 1, page_size: 5 });
      expect(result.ok).toBe(true);
      const data = result.data as { count: number; results: { name: string }[] };
      expect(data.results.map((s) => s.name)).toContain(name);
      const [sent] = t.sandbox.requests.all();
      expect(sent).toMatchObject({ method: 'GET', path: '/api/servers/servers/', query: { search: name, ordering: 'name', page: '1', page_size: '5' } });
    });

    it('list_servers and get_server refuse bad arguments without a request', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('list_servers', { ...ws, page_size: 101 });
      expect(result.error?.code).toBe('invalid_input');
      const badId = await t.call('get_server', { ...ws, server_id: 'web-1' });
      expect(badId.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('get_server returns the detail; an unknown id is not_found naming it', async () => {
      t.sandbox.requests.clear();
      const found = await t.call('get_server', { ...ws, server_id: serverId });
      expect((found.data as { id: string }).id).toBe(serverId);
      expect(t.sandbox.requests.all()[0]).toMatchObject({ method: 'GET', path: `/api/servers/servers/${serverId}/` });
      const missing = await t.call('get_server', { ...ws, server_id: UNKNOWN_ID });
      expect(missing.error?.code).toBe('not_found');
      expect(missing.error?.message).toContain(UNKNOWN_ID);
    });
  });

  describe('get_server_overview', () => {
    it('fetches detail, system info, OS and the last hour of cpu/memory, and summarizes the metrics', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('get_server_overview', { ...ws, server_id: serverId });
      expect(result.error).toBeUndefined();
      const data = result.data as Overview;
      expect(data.complete).toBe(true);
      expect(data.errors).toEqual([]);
      expect(data.server?.id).toBe(serverId);
      expect(data.system_info).toEqual(expect.any(Object));
      expect(data.os).toEqual(expect.any(Object));
      for (const summary of [data.metrics.cpu, data.metrics.memory]) {
        expect(summary?.count).toBeGreaterThan(0);
        expect(summary!.min!).toBeLessThanOrEqual(summary!.avg!);
        expect(summary!.avg!).toBeLessThanOrEqual(summary!.max!);
      }
      expect(Date.parse(data.metrics.window_end) - Date.parse(data.metrics.window_start)).toBe(3_600_000);

      const sent = t.sandbox.requests.all();
      expect(sent.map((r) => r.path).sort()).toEqual(
        ['/api/metrics/realtime/cpu/', '/api/metrics/realtime/memory/', '/api/proc/info/', '/api/proc/os/', `/api/servers/servers/${serverId}/`].sort(),
      );
      expect(sent.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
      for (const path of ['/api/proc/info/', '/api/proc/os/']) {
        expect(t.sandbox.requests.filter({ path })[0].query).toEqual({ server: serverId });
      }
      for (const path of ['/api/metrics/realtime/cpu/', '/api/metrics/realtime/memory/']) {
        expect(t.sandbox.requests.filter({ path })[0].query).toEqual({
          server: serverId, start: data.metrics.window_start, end: data.metrics.window_end,
        });
      }
    });

    it('sends the five requests concurrently', async () => {
      t.sandbox.requests.clear();
      t.sandbox.faults.add({ kind: 'latency', ms: 1_000, pathPrefix: '/api/' });
      const result = await t.call('get_server_overview', { ...ws, server_id: serverId });
      expect(result.ok).toBe(true);
      // Sent one after another, each request would arrive at least 1,000 ms after the previous one.
      const arrivals = t.sandbox.requests.all().map((r) => r.time);
      expect(arrivals).toHaveLength(5);
      expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(1_000);
    });

    it('returns the other parts when one part fails, with that part\'s error', async () => {
      t.sandbox.faults.add({ kind: 'error5xx', status: 503, pathPrefix: '/api/proc/os/' });
      t.sandbox.requests.clear();
      const result = await t.call('get_server_overview', { ...ws, server_id: serverId });
      expect(result.ok).toBe(true);
      const data = result.data as Overview;
      expect(data.complete).toBe(false);
      expect(data.errors).toEqual([expect.objectContaining({ part: 'os', code: 'unavailable' })]);
      expect(data.os).toBeNull();
      expect(data.server?.id).toBe(serverId);
      expect(data.system_info).not.toBeNull();
      expect(data.metrics.cpu?.count).toBeGreaterThan(0);
      expect(t.sandbox.requests.filter({ path: '/api/proc/os/' })).toHaveLength(1);
    });

    it('fails as a whole with not_found for an unknown server', async () => {
      const result = await t.call('get_server_overview', { ...ws, server_id: UNKNOWN_ID });
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('not_found');
      expect(result.error?.message).toContain(UNKNOWN_ID);
    });

    it('refuses a non-UUID server_id without a request', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('get_server_overview', { ...ws, server_id: 'web-1' });
      expect(result.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });
  });

  describe('server notes', () => {
    it('create_server_note posts {server, content, private, pinned} and list_server_notes shows it', async () => {
      t.sandbox.requests.clear();
      const created = await t.call('create_server_note', { ...ws, server_id: serverId, content: 'Runs the billing cron', pinned: true });
      expect(created.error).toBeUndefined();
      const note = created.data as { id: string; content: string; pinned: boolean; private: boolean };
      expect(note).toMatchObject({ content: 'Runs the billing cron', pinned: true, private: false });
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({
          method: 'POST', path: '/api/servers/notes/', status: 201,
          body: { server: serverId, content: 'Runs the billing cron', private: false, pinned: true },
        }),
      ]);

      t.sandbox.requests.clear();
      const listed = await t.call('list_server_notes', { ...ws, server_id: serverId, page: 1, page_size: 50 });
      const page = listed.data as { count: number; results: { id: string }[] };
      expect(page.results.map((n) => n.id)).toContain(note.id);
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({
          method: 'GET', path: '/api/servers/notes/', query: { server: serverId, ordering: '-added_at', page: '1', page_size: '50' },
        }),
      ]);
    });

    it('list_server_notes of a server without notes is an empty page, not an error', async () => {
      const quiet = t.sandbox.world.servers.all().find((s) => !t.sandbox.world.notes.all().some((n) => n.server === s.id));
      expect(quiet).toBeDefined();
      const result = await t.call('list_server_notes', { ...ws, server_id: quiet!.id });
      expect(result.ok).toBe(true);
      expect((result.data as { count: number }).count).toBe(0);
    });

    it('list_server_notes of an unknown server is not_found', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('list_server_notes', { ...ws, server_id: UNKNOWN_ID });
      expect(result.error?.code).toBe('not_found');
      expect(result.error?.message).toContain(UNKNOWN_ID);
      expect(t.sandbox.requests.all().map((r) => r.path)).toEqual(['/api/servers/notes/', `/api/servers/servers/${UNKNOWN_ID}/`]);
    });

    it('refuses bad note arguments without a request', async () => {
      t.sandbox.requests.clear();
      const noContent = await t.call('create_server_note', { ...ws, server_id: serverId, content: '' });
      expect(noContent.error?.code).toBe('invalid_input');
      const badPaging = await t.call('list_server_notes', { ...ws, server_id: serverId, page: 0 });
      expect(badPaging.error?.code).toBe('invalid_input');
      const notBool = await t.call('create_server_note', { ...ws, server_id: serverId, content: 'x', pinned: 'yes' });
      expect((notBool.error?.details?.fields as { field: string }[]).map((f) => f.field)).toEqual(['pinned']);
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('a note on an unknown server is refused by the API as invalid_input listing its field', async () => {
      const result = await t.call('create_server_note', { ...ws, server_id: UNKNOWN_ID, content: 'hello' });
      expect(result.error?.code).toBe('invalid_input');
      expect(result.error?.status).toBe(400);
      expect((result.error?.details?.fields as { field: string }[]).map((f) => f.field)).toEqual(['server']);
    });
  });
});

describe('get_server_overview when every part fails', () => {
  // Own sandbox: five failures at once open the client's circuit breaker for that host.
  it('fails as a whole with the server part\'s error', async () => {
    const t = await connectToSandbox({ rc: { http: { retries: 0 } } });
    try {
      t.sandbox.faults.add({ kind: 'error5xx', status: 503 });
      const server_id = t.sandbox.world.servers.all()[0].id;
      const result = await t.call('get_server_overview', { workspace: t.sandbox.workspace, server_id });
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('unavailable');
      expect(t.sandbox.requests.all()).toHaveLength(5);
    } finally {
      await t.close();
    }
  });
});

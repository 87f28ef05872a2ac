import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readEnvelope } from '../../plugins/metrics/fetch-series.js';
import { latestPoints, fieldStats, numericFields, summarizeSeries, toNumber } from '../../plugins/metrics/stats.js';
import { resolveRange, lastHours } from '../../plugins/metrics/time-range.js';
import { judge, levelOf } from '../../plugins/metrics/verdict.js';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

const HOUR = 3_600_000;

describe('metrics statistics (pure)', () => {
  it('fieldStats gives min/avg/max and the last value as latest, rounded to 2 digits', () => {
    expect(fieldStats([10, 30, 20])).toEqual({ min: 10, avg: 20, max: 30, latest: 20 });
    expect(fieldStats([1, 2, 2])).toEqual({ min: 1, avg: 1.67, max: 2, latest: 2 });
    expect(fieldStats([])).toBeUndefined();
  });

  it('toNumber accepts finite numbers and numeric strings only', () => {
    expect(toNumber(3)).toBe(3);
    expect(toNumber('4.5')).toBe(4.5);
    expect(toNumber('')).toBeUndefined();
    expect(toNumber('abc')).toBeUndefined();
    expect(toNumber(Number.NaN)).toBeUndefined();
    expect(toNumber(null)).toBeUndefined();
  });

  it('summarizeSeries sorts by time, so latest is the newest point whatever the order received', () => {
    const [series] = summarizeSeries([
      { timestamp: '2024-01-01T00:10:00Z', usage: 50 },
      { timestamp: '2024-01-01T00:00:00Z', usage: 10 },
      { timestamp: '2024-01-01T00:05:00Z', usage: 30 },
    ]);
    expect(series).toEqual({
      labels: {},
      count: 3,
      first_timestamp: '2024-01-01T00:00:00.000Z',
      last_timestamp: '2024-01-01T00:10:00.000Z',
      stats: { usage: { min: 10, avg: 30, max: 50, latest: 50 } },
    });
  });

  it('summarizeSeries splits by label, ignores points without a timestamp, and skips non-numeric values per field', () => {
    const series = summarizeSeries(
      [
        { timestamp: '2024-01-01T00:00:00Z', interface: 'eth0', avg_input_bps: 100, avg_output_bps: 'n/a' },
        { timestamp: '2024-01-01T00:00:00Z', interface: 'lo', avg_input_bps: 5, avg_output_bps: 5 },
        { timestamp: '2024-01-01T00:05:00Z', interface: 'eth0', avg_input_bps: 300, avg_output_bps: 20 },
        { interface: 'eth0', avg_input_bps: 9999 },
      ],
      ['interface'],
    );
    expect(series.map((s) => s.labels)).toEqual([{ interface: 'eth0' }, { interface: 'lo' }]);
    expect(series[0].count).toBe(2);
    expect(series[0].stats.avg_input_bps).toEqual({ min: 100, avg: 200, max: 300, latest: 300 });
    expect(series[0].stats.avg_output_bps).toEqual({ min: 20, avg: 20, max: 20, latest: 20 });
    expect(series[1].stats.avg_input_bps.latest).toBe(5);
  });

  it('numericFields leaves out labels, ids, booleans and the timestamp', () => {
    expect(numericFields([{ timestamp: 1, id: 3, server: 'x', device: 'sda', ok: true, read: 1, write: '2' }], ['device'])).toEqual(['read', 'write']);
  });

  it('summarizeSeries of nothing is an empty list', () => {
    expect(summarizeSeries([])).toEqual([]);
  });

  it('latestPoints keeps the newest points in time order and counts the rest', () => {
    const points = [3, 1, 2, 5, 4].map((m) => ({ timestamp: `2024-01-01T00:0${m}:00Z`, usage: m }));
    const { points: kept, omitted } = latestPoints(points, 2);
    expect(kept.map((p) => p.usage)).toEqual([4, 5]);
    expect(omitted).toBe(3);
    expect(latestPoints(points, 10).omitted).toBe(0);
  });

  it('readEnvelope reads bare lists, {results} and DRF page numbers or URLs', () => {
    expect(readEnvelope([{ a: 1 }, 'x'])).toEqual({ points: [{ a: 1 }], nextPage: null });
    expect(readEnvelope({ results: [{ a: 1 }], next: 2 })).toEqual({ points: [{ a: 1 }], nextPage: 2 });
    expect(readEnvelope({ results: [], next: 'http://x/api/?page=3&x=1' }).nextPage).toBe(3);
    expect(readEnvelope({ results: [{ a: 1 }], next: null }).nextPage).toBeNull();
    expect(readEnvelope('nope')).toEqual({ points: [], nextPage: null });
  });
});

describe('metrics time range (pure)', () => {
  const now = Date.parse('2024-05-02T12:00:00Z');

  it('defaults to the 24 hours before now', () => {
    expect(resolveRange(undefined, undefined, now)).toEqual({ start: '2024-05-01T12:00:00.000Z', end: '2024-05-02T12:00:00.000Z' });
  });

  it('a lone end_date means the 24 hours before it; a lone start_date runs to now', () => {
    expect(resolveRange(undefined, '2024-01-02T00:00:00Z', now).start).toBe('2024-01-01T00:00:00.000Z');
    expect(resolveRange('2024-05-02T10:00:00+02:00', undefined, now)).toEqual({ start: '2024-05-02T08:00:00.000Z', end: '2024-05-02T12:00:00.000Z' });
  });

  it('refuses start not before end, naming the field', () => {
    expect(() => resolveRange('2024-05-02T00:00:00Z', '2024-05-01T00:00:00Z', now)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => resolveRange('2024-05-03T00:00:00Z', undefined, now)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => resolveRange('2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z', now)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('lastHours spans exactly that many hours up to now', () => {
    expect(lastHours(3, now)).toEqual({ start: '2024-05-02T09:00:00.000Z', end: '2024-05-02T12:00:00.000Z' });
  });
});

describe('metrics verdict (pure)', () => {
  const stats = (avg: number, latest: number) => ({ min: 0, avg, max: 100, latest });

  it('levels follow the documented thresholds on avg or latest', () => {
    expect(levelOf(stats(10, 10), 'cpu')).toBe('ok');
    expect(levelOf(stats(70, 10), 'cpu')).toBe('warning');
    expect(levelOf(stats(10, 80), 'cpu')).toBe('warning');
    expect(levelOf(stats(85, 10), 'cpu')).toBe('critical');
    expect(levelOf(stats(79, 84), 'memory')).toBe('ok');
    expect(levelOf(stats(10, 85), 'memory')).toBe('warning');
    expect(levelOf(stats(50, 90), 'disk')).toBe('critical');
  });

  it('healthy when everything is below the thresholds; unknown without data', () => {
    expect(judge({ cpu: stats(20, 20), memory: stats(40, 40), disks: [{ label: '/', stats: stats(30, 30) }] })).toEqual({
      status: 'ok',
      verdict: 'healthy',
      findings: [],
    });
    expect(judge({}).status).toBe('unknown');
  });

  it('names each problem, the worst level wins', () => {
    const verdict = judge({ cpu: stats(20, 20), memory: stats(82, 84), disks: [{ label: '/data', stats: stats(91, 93) }] });
    expect(verdict.status).toBe('critical');
    expect(verdict.verdict).toBe('memory pressure; disk nearly full on /data (critical)');
    expect(verdict.findings.map((f) => [f.metric, f.level])).toEqual([
      ['memory', 'warning'],
      ['disk', 'critical'],
    ]);
  });
});

describe('metrics plugin through MCP against the sandbox', () => {
  let t: SandboxedConnection;
  let serverId: string;
  const unknownServer = UNKNOWN_ID;
  const call = (name: string, args: Record<string, unknown> = {}) => t.call(name, { workspace: t.sandbox.workspace, ...args });

  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['metrics'], http: { retries: 0 }, outputSchemas: true } });
    // Listing first makes the SDK client check every structuredContent against the tool's outputSchema.
    const { tools } = await t.client.listTools();
    const bytes = tools.map((tool) => JSON.stringify(tool).length);
    process.stderr.write(`metrics tools/list: ${tools.length} tools, ${bytes.reduce((a, b) => a + b, 0)} bytes, max ${Math.max(...bytes)}\n`);
    serverId = t.sandbox.world.servers.all()[0].id;
  });
  afterAll(async () => t.close());
  afterEach(() => t.sandbox.faults.clear());
  /** All requests arrived while the first was still held back by the injected latency: they were in flight together. */
  const arrivalSpread = (sent: { time: number }[]) => Math.max(...sent.map((r) => r.time)) - Math.min(...sent.map((r) => r.time));

  type Series = { labels: Record<string, string>; count: number; stats: Record<string, { min: number; avg: number; max: number; latest: number }> };
  type SeriesData = { server_id: string; metric: string; start: string; end: string; count: number; series: Series[]; points?: Record<string, unknown>[]; note?: string };

  const seriesTools = [
    { tool: 'get_cpu_usage', path: '/api/metrics/realtime/cpu/', field: 'usage', filters: {}, labels: [] as string[] },
    { tool: 'get_memory_usage', path: '/api/metrics/realtime/memory/', field: 'usage', filters: {}, labels: [] as string[] },
    { tool: 'get_disk_usage', path: '/api/metrics/realtime/disk-usage/', field: 'usage', filters: {}, labels: ['device', 'mount_point'] },
    { tool: 'get_disk_io', path: '/api/metrics/realtime/disk-io/', field: undefined, filters: {}, labels: ['device'] },
    { tool: 'get_network_traffic', path: '/api/metrics/realtime/traffic/', field: 'avg_input_bps', filters: {}, labels: ['interface'] },
  ];

  for (const { tool, path, field, labels } of seriesTools) {
    it(`${tool} defaults to the last 24 h and returns a summary without raw points`, async () => {
      t.sandbox.requests.clear();
      const before = Date.now();
      const result = await call(tool, { server_id: serverId });
      expect(result.error).toBeUndefined();
      // get_disk_usage first finds a device (the endpoint refuses a query without one; see tests/contract/metrics).
      const sent = t.sandbox.requests.all().filter((r) => r.path === path);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ method: 'GET', path, status: 200 });
      const query = sent[0].query as Record<string, string>;
      expect(query.server).toBe(serverId);
      expect(Date.parse(query.end) - Date.parse(query.start)).toBe(24 * HOUR);
      expect(Date.parse(query.end)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(query.end)).toBeLessThanOrEqual(Date.now());

      const data = result.data as SeriesData;
      expect(data).toMatchObject({ server_id: serverId, start: query.start, end: query.end });
      expect(data.points).toBeUndefined();
      expect(data.count).toBeGreaterThan(0);
      expect(data.count).toBe(data.series.reduce((sum, s) => sum + s.count, 0));
      for (const s of data.series) {
        expect(Object.keys(s.labels).every((key) => labels.includes(key))).toBe(true);
        if (labels.length > 0) expect(Object.keys(s.labels).length).toBeGreaterThan(0);
        for (const st of Object.values(s.stats)) {
          expect(st.min).toBeLessThanOrEqual(st.avg);
          expect(st.avg).toBeLessThanOrEqual(st.max);
        }
        if (field) expect(s.stats[field]).toBeDefined();
        else expect(Object.keys(s.stats).length).toBeGreaterThan(0);
      }
    });

    it(`${tool} refuses a bad server_id, a bad date and end before start without sending anything`, async () => {
      t.sandbox.requests.clear();
      const badId = await call(tool, { server_id: 'not-a-uuid' });
      expect(badId.error?.code).toBe('invalid_input');
      const badDate = await call(tool, { server_id: serverId, start_date: 'yesterday' });
      expect(badDate.error?.code).toBe('invalid_input');
      expect((badDate.error?.details?.fields as { field: string }[]).map((f) => f.field)).toEqual(['start_date']);
      const reversed = await call(tool, { server_id: serverId, start_date: '2024-05-02T00:00:00Z', end_date: '2024-05-01T00:00:00Z' });
      expect(reversed.error?.code).toBe('invalid_input');
      const extra = await call(tool, { server_id: serverId, hours: 3 });
      expect(extra.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it(`${tool} on an unknown server is not_found naming the id`, async () => {
      const result = await call(tool, { server_id: unknownServer });
      expect(result.error?.code).toBe('not_found');
      expect(result.error?.message).toContain(unknownServer);
    });
  }

  it('an explicit range is sent as UTC ISO 8601 and the stats match the raw points', async () => {
    const end = Date.now() - HOUR;
    const start = end - 2 * HOUR;
    t.sandbox.requests.clear();
    const result = await call('get_cpu_usage', {
      server_id: serverId,
      start_date: new Date(start).toISOString().replace('Z', '+00:00'),
      end_date: new Date(end).toISOString(),
      include_points: true,
    });
    expect(result.error).toBeUndefined();
    const query = t.sandbox.requests.all()[0].query as Record<string, string>;
    expect(query).toMatchObject({ server: serverId, start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    const data = result.data as SeriesData;
    const values = (data.points ?? []).map((p) => Number(p.usage));
    expect(values.length).toBe(data.count);
    expect(data.series[0].stats.usage.min).toBeCloseTo(Math.min(...values), 2);
    expect(data.series[0].stats.usage.max).toBeCloseTo(Math.max(...values), 2);
    expect(data.series[0].stats.usage.latest).toBeCloseTo(values[values.length - 1], 2);
    for (const p of data.points ?? []) {
      const time = Date.parse(String(p.timestamp));
      expect(time).toBeGreaterThanOrEqual(start);
      expect(time).toBeLessThanOrEqual(end);
    }
  });

  it('device/partition/interface filters reach the API', async () => {
    t.sandbox.requests.clear();
    await call('get_disk_usage', { server_id: serverId, device: '/dev/sda1', partition: '/' });
    await call('get_disk_io', { server_id: serverId, device: 'sda' });
    await call('get_network_traffic', { server_id: serverId, interface: 'eth0' });
    const queries = t.sandbox.requests.all().map((r) => r.query);
    expect(queries[0]).toMatchObject({ server: serverId, device: '/dev/sda1', partition: '/' });
    expect(queries[1]).toMatchObject({ server: serverId, device: 'sda' });
    expect(queries[2]).toMatchObject({ server: serverId, interface: 'eth0' });
  });

  it('include_points over a long range is capped at the latest 500 with a note on how to narrow it', async () => {
    const result = await call('get_memory_usage', {
      server_id: serverId,
      start_date: new Date(Date.now() - 7 * 24 * HOUR).toISOString(),
      include_points: true,
    });
    expect(result.error).toBeUndefined();
    const data = result.data as SeriesData;
    expect(data.count).toBeGreaterThan(500);
    expect(data.points).toHaveLength(500);
    expect(data.note).toMatch(/start_date\/end_date/);
    const times = (data.points ?? []).map((p) => Date.parse(String(p.timestamp)));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('a 5xx from Alpacon becomes a structured unavailable error', async () => {
    t.sandbox.faults.add({ kind: 'error5xx', status: 503, pathPrefix: '/api/metrics/realtime/cpu/' });
    const result = await call('get_cpu_usage', { server_id: serverId });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('unavailable');
    expect(result.error?.status).toBe(503);
  });

  describe('get_top_servers', () => {
    it('fetches each requested ranking concurrently', async () => {
      t.sandbox.requests.clear();
      t.sandbox.faults.add({ kind: 'latency', ms: 500, pathPrefix: '/api/metrics/realtime/' });
      const result = await call('get_top_servers', {});
      expect(result.error).toBeUndefined();
      const sent = t.sandbox.requests.all();
      expect(sent.map((r) => r.path).sort()).toEqual(['cpu', 'disk-io', 'memory', 'traffic'].map((m) => `/api/metrics/realtime/${m}/top/`));
      expect(arrivalSpread(sent)).toBeLessThan(500);
      const data = result.data as { top: Record<string, unknown[]>; errors?: unknown };
      expect(Object.keys(data.top).sort()).toEqual(['cpu', 'disk-io', 'memory', 'traffic']);
      expect(data.top.cpu.length).toBeGreaterThan(0);
      expect(data.errors).toBeUndefined();
    });

    it('only the requested types, and a failing one is reported beside the others', async () => {
      t.sandbox.requests.clear();
      t.sandbox.faults.add({ kind: 'error5xx', status: 502, pathPrefix: '/api/metrics/realtime/memory/top/' });
      const result = await call('get_top_servers', { metric_types: ['cpu', 'memory'] });
      expect(result.error).toBeUndefined();
      expect(t.sandbox.requests.all()).toHaveLength(2);
      const data = result.data as { top: Record<string, unknown[]>; errors: Record<string, { code: string }> };
      expect(Object.keys(data.top)).toEqual(['cpu']);
      expect(data.errors.memory.code).toBe('unavailable');
    });

    it('everything failing is a structured error', async () => {
      t.sandbox.faults.add({ kind: 'error5xx', status: 503, pathPrefix: '/api/metrics/realtime/cpu/top/' });
      const result = await call('get_top_servers', { metric_types: ['cpu'] });
      expect(result.error?.code).toBe('unavailable');
    });

    it('refuses unknown, duplicate or no metric types without sending anything', async () => {
      t.sandbox.requests.clear();
      // A comma-separated string is the Python server's form and is accepted ("cpu,memory"); "gpu" in it is still refused.
      for (const metric_types of [['gpu'], ['cpu', 'cpu'], [], 'gpu']) {
        const result = await call('get_top_servers', { metric_types });
        expect(result.error?.code).toBe('invalid_input');
      }
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });
  });

  describe('get_alert_rules', () => {
    it('lists the rules, filtered by server when asked', async () => {
      t.sandbox.requests.clear();
      const all = await call('get_alert_rules');
      expect(all.error).toBeUndefined();
      const one = await call('get_alert_rules', { server_id: serverId });
      expect(one.error).toBeUndefined();
      const sent = t.sandbox.requests.all();
      expect(sent.map((r) => r.path)).toEqual(['/api/metrics/alert-rules/', '/api/metrics/alert-rules/']);
      expect(sent[0].query.server).toBeUndefined();
      expect(sent[1].query.server).toBe(serverId);
      const data = all.data as { count: number; rules: Record<string, unknown>[] };
      expect(data.rules.length).toBe(Math.min(data.count, 200));
      expect((one.data as { count: number }).count).toBeLessThanOrEqual(data.count);
    });

    it('refuses a bad server_id without sending anything', async () => {
      t.sandbox.requests.clear();
      expect((await call('get_alert_rules', { server_id: '123' })).error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('a 5xx becomes a structured error', async () => {
      t.sandbox.faults.add({ kind: 'error5xx', status: 500, pathPrefix: '/api/metrics/alert-rules/' });
      expect((await call('get_alert_rules')).error?.code).toBe('unavailable');
    });
  });

  describe('get_server_metrics_summary', () => {
    type Summary = {
      server_id: string;
      hours: number;
      status: string;
      verdict: string;
      metrics: Record<string, { count: number; labels?: Record<string, string>; stats: Record<string, { avg: number }> }[]>;
      thresholds: Record<string, unknown>;
      errors?: Record<string, { code: string }>;
    };

    it('fetches cpu, memory, disk usage and traffic concurrently over `hours` and gives a verdict', async () => {
      t.sandbox.requests.clear();
      // Disk usage waits for its device lookup first (tests/contract/metrics), so the spread is measured on the others.
      for (const metric of ['cpu', 'memory', 'traffic']) t.sandbox.faults.add({ kind: 'latency', ms: 500, pathPrefix: `/api/metrics/realtime/${metric}/` });
      const result = await call('get_server_metrics_summary', { server_id: serverId, hours: 6 });
      expect(result.error).toBeUndefined();
      const series = /^\/api\/metrics\/realtime\/(cpu|memory|disk-usage|traffic)\/$/;
      const sent = t.sandbox.requests.all().filter((r) => series.test(r.path));
      expect(arrivalSpread(sent.filter((r) => !r.path.includes('disk-usage')))).toBeLessThan(500);
      expect(sent.map((r) => r.path).sort()).toEqual(['cpu', 'disk-usage', 'memory', 'traffic'].map((m) => `/api/metrics/realtime/${m}/`));
      for (const request of sent) {
        const query = request.query as Record<string, string>;
        expect(query.server).toBe(serverId);
        expect(Date.parse(query.end) - Date.parse(query.start)).toBe(6 * HOUR);
      }
      const data = result.data as Summary;
      expect(data).toMatchObject({ server_id: serverId, hours: 6 });
      expect(['ok', 'warning', 'critical']).toContain(data.status);
      expect(data.verdict.length).toBeGreaterThan(0);
      if (data.status === 'ok') expect(data.verdict).toBe('healthy');
      expect(data.thresholds).toHaveProperty('memory');
      expect(data.metrics.cpu[0].stats.usage).toBeDefined();
      expect(data.metrics.memory[0].stats.usage).toBeDefined();
      expect(data.metrics.disk_usage.length).toBeGreaterThan(0);
      expect(data.metrics.disk_usage[0].labels).toBeDefined();
      expect(data.errors).toBeUndefined();
    });

    it('defaults to 24 h', async () => {
      t.sandbox.requests.clear();
      await call('get_server_metrics_summary', { server_id: serverId });
      const query = t.sandbox.requests.filter({ path: '/api/metrics/realtime/cpu/' })[0].query as Record<string, string>;
      expect(Date.parse(query.end) - Date.parse(query.start)).toBe(24 * HOUR);
    });

    it('keeps the parts that worked when one fails', async () => {
      t.sandbox.faults.add({ kind: 'error5xx', status: 503, pathPrefix: '/api/metrics/realtime/traffic/' });
      const result = await call('get_server_metrics_summary', { server_id: serverId });
      expect(result.error).toBeUndefined();
      const data = result.data as Summary;
      expect(data.errors?.traffic.code).toBe('unavailable');
      expect(data.metrics.traffic).toBeUndefined();
      expect(data.metrics.cpu).toBeDefined();
    });

    it('refuses bad hours or server_id without sending anything', async () => {
      t.sandbox.requests.clear();
      for (const args of [{ server_id: serverId, hours: 0 }, { server_id: serverId, hours: 169 }, { server_id: serverId, hours: 1.5 }, { server_id: 'x' }]) {
        expect((await call('get_server_metrics_summary', args)).error?.code).toBe('invalid_input');
      }
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('an unknown server is not_found', async () => {
      const result = await call('get_server_metrics_summary', { server_id: unknownServer });
      expect(result.error?.code).toBe('not_found');
      expect(result.error?.message).toContain(unknownServer);
    });
  });
});

import type { SandboxContext } from '../context.js';
import { ApiError, fieldErrors, notFound } from '../http/errors.js';
import type { Router, SandboxRequest } from '../http/types.js';
import type { ServerRecord } from '../world/models.js';
import {
  cpuAt, diskDevices, diskIoAt, diskIoDevices, diskUsageAt, interfaces, memoryAt, timeGrid, trafficAt,
} from '../world/metrics.js';
import { serverSummary } from '../world/summaries.js';
import type { World } from '../world/world.js';
import { isUuid } from './body-reader.js';
import { registerAlertRules } from './alert-rules.js';

const MAX_POINTS = 10_000;
const DAY_MS = 86_400_000;
type Row = Record<string, unknown>;

/** `server` (required, existing) from the query, as django-filter validates it. */
export function serverFromQuery(world: World, query: URLSearchParams): ServerRecord {
  const id = query.get('server');
  if (id === null || id === '') throw fieldErrors({ server: ['This field is required.'] });
  if (!isUuid(id)) throw fieldErrors({ server: ['Must be a valid UUID.'] });
  const server = world.servers.get(id);
  if (server === undefined) throw notFound();
  return server;
}

function timeRange(query: URLSearchParams): { start: number; end: number } {
  const errors: Record<string, string[]> = {};
  const parse = (key: string, fallback: number): number => {
    const raw = query.get(key);
    if (raw === null || raw === '') return fallback;
    const value = Date.parse(raw);
    if (Number.isNaN(value)) errors[key] = ['Enter a valid date/time.'];
    return value;
  };
  const end = parse('end', Date.now());
  const start = parse('start', end - DAY_MS);
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  if (start > end) throw fieldErrors({ non_field_errors: ['start must be before end.'] });
  if ((end - start) / (5 * 60 * 1000) > MAX_POINTS) {
    throw new ApiError(400, { detail: `Time range too large: at most ${MAX_POINTS} points (5-minute resolution).` });
  }
  return { start, end };
}

function series(req: SandboxRequest, world: World, rows: (server: ServerRecord, t: number) => Row[]) {
  const server = serverFromQuery(world, req.query);
  const { start, end } = timeRange(req.query);
  const results = timeGrid(start, end).flatMap((t) =>
    rows(server, t).map((row) => ({ timestamp: new Date(t).toISOString(), server: server.id, ...row })));
  return { status: 200, body: { count: results.length, results } };
}

function pick<T extends string>(available: T[], wanted: string | null): T[] {
  return wanted === null || wanted === '' ? available : available.filter((a) => a === wanted);
}

/**
 * Today's service refuses a disk-usage query naming neither `device` nor `partition` (alpacon-mcp Python
 * `tools/metrics_tools.py`: "DiskUsage API requires: server + start + (device OR partition)"). The body of that refusal
 * is not in any official client: a DRF `non_field_errors` list is a guess (docs/sandbox.md).
 */
function requireDeviceOrPartition(query: URLSearchParams): void {
  if (!query.get('device') && !query.get('partition')) {
    throw fieldErrors({ non_field_errors: ['Either device or partition is required.'] });
  }
}

/** Partitions from `/api/proc/partitions/` are named without `/dev/` (the Python summary sends that name as device). */
function withDevPrefix(device: string | null): string | null {
  return device === null || device === '' || device.startsWith('/') ? device : `/dev/${device}`;
}

const topCache = new WeakMap<World, Map<string, Row[]>>();

/** Top 5 servers by the 24-hour average of a metric (sampled hourly), cached per 5-minute bucket. */
function top(world: World, metric: string, valueAt: (server: ServerRecord, t: number) => number, field: string) {
  const bucket = Math.floor(Date.now() / (5 * 60 * 1000));
  const cache = topCache.get(world) ?? new Map<string, Row[]>();
  topCache.set(world, cache);
  const key = `${metric}:${bucket}:${world.servers.size}`;
  let results = cache.get(key);
  if (results === undefined) {
    const grid = timeGrid(Date.now() - DAY_MS, Date.now()).filter((_, i) => i % 12 === 0);
    const ranked = world.servers.all().map((server) => {
      const value = Math.round((grid.reduce((sum, t) => sum + valueAt(server, t), 0) / Math.max(1, grid.length)) * 100) / 100;
      return { server, value };
    });
    ranked.sort((a, b) => b.value - a.value);
    results = ranked.slice(0, 5).map(({ server, value }) => ({ server: serverSummary(server), server_name: server.name, value, [field]: value }));
    for (const old of cache.keys()) if (!old.includes(`:${bucket}:`)) cache.delete(old);
    cache.set(key, results);
  }
  return { status: 200, body: { count: results.length, results } };
}

export function registerMetrics(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const base = '/api/metrics/realtime';

  router.add('GET', `${base}/cpu/`, (req) => series(req, world, (s, t) => [{ usage: cpuAt(s, t) }]));
  router.add('GET', `${base}/memory/`, (req) => series(req, world, (s, t) => [memoryAt(s, t)]));
  router.add('GET', `${base}/disk-usage/`, (req) => {
    requireDeviceOrPartition(req.query);
    return series(req, world, (s, t) => diskDevices(s).map((disk, i) => ({ disk, i }))
      .filter(({ disk }) => pick([disk.device], withDevPrefix(req.query.get('device'))).length > 0)
      .filter(({ disk }) => pick([disk.mount_point], req.query.get('partition')).length > 0)
      .map(({ disk, i }) => diskUsageAt(s, disk, i, t)));
  });
  router.add('GET', `${base}/disk-usage/device/`, (req) => {
    const server = serverFromQuery(world, req.query);
    return { status: 200, body: { devices: diskDevices(server).map((d) => d.device) } };
  });
  router.add('GET', `${base}/disk-io/`, (req) => series(req, world, (s, t) =>
    diskIoDevices(s).map((device, i) => ({ device, i }))
      .filter(({ device }) => pick([device], req.query.get('device')?.replace('/dev/', '') ?? null).length > 0)
      .map(({ device, i }) => diskIoAt(s, device, i, t))));
  router.add('GET', `${base}/traffic/`, (req) => series(req, world, (s, t) =>
    interfaces(s).map((iface, i) => ({ iface, i }))
      .filter(({ iface }) => pick([iface], req.query.get('interface')).length > 0)
      .map(({ iface, i }) => trafficAt(s, iface, i, t))));

  router.add('GET', `${base}/cpu/top/`, () => top(world, 'cpu', cpuAt, 'usage'));
  router.add('GET', `${base}/memory/top/`, () => top(world, 'memory', (s, t) => memoryAt(s, t).usage, 'usage'));
  router.add('GET', `${base}/disk-io/top/`, () => top(world, 'disk-io', (s, t) => diskIoAt(s, diskIoDevices(s)[0], 0, t).peak_read_bps, 'peak_read_bps'));
  router.add('GET', `${base}/traffic/top/`, () => top(world, 'traffic', (s, t) => trafficAt(s, 'eth0', 0, t).peak_input_bps, 'peak_input_bps'));

  registerAlertRules(router, ctx);
}

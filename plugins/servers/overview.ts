import { type AlpaconClient, type AlpaconTarget, ErrorCode, isAlpaconMcpError, type Logger } from '../../core/index.js';

/** Parts of a server overview; each is fetched on its own and may fail on its own. */
export const OVERVIEW_PARTS = ['server', 'system_info', 'os', 'cpu', 'memory'] as const;
export type OverviewPart = (typeof OVERVIEW_PARTS)[number];

export interface UsageSummary {
  count: number;
  min: number | null;
  avg: number | null;
  max: number | null;
  latest: number | null;
  first_at: string | null;
  last_at: string | null;
}

export interface PartError {
  part: OverviewPart;
  code: string;
  message: string;
}

export interface ServerOverview {
  server: unknown;
  system_info: unknown;
  os: unknown;
  /** cpu and memory usage (percent) over the window, summarized. */
  metrics: { window_start: string; window_end: string; cpu: UsageSummary | null; memory: UsageSummary | null };
  complete: boolean;
  errors: PartError[];
}

export const METRICS_WINDOW_MS = 60 * 60 * 1000;

/**
 * Fetches server detail, system info, OS and the last hour of cpu/memory concurrently. A failed part becomes an entry in
 * `errors` and a null in its place; only when every part fails (or the server itself is unknown) does the call fail.
 */
export async function fetchOverview(
  alpacon: AlpaconClient,
  target: AlpaconTarget,
  serverId: string,
  signal: AbortSignal,
  log: Logger,
  now = new Date(),
): Promise<ServerOverview> {
  const start = new Date(now.getTime() - METRICS_WINDOW_MS).toISOString();
  const end = now.toISOString();
  const byServer = { query: { server: serverId }, signal };
  const window = { query: { server: serverId, start, end }, signal };
  const settled = await Promise.allSettled([
    alpacon.get(target, `/api/servers/servers/${serverId}/`, { signal, resource: { what: 'Server', id: serverId } }),
    alpacon.get(target, '/api/proc/info/', byServer),
    alpacon.get(target, '/api/proc/os/', byServer),
    alpacon.get(target, '/api/metrics/realtime/cpu/', window).then(summarizeUsage),
    alpacon.get(target, '/api/metrics/realtime/memory/', window).then(summarizeUsage),
  ]);

  const errors: PartError[] = [];
  const value = (index: number): unknown => {
    const outcome = settled[index];
    if (outcome.status === 'fulfilled') return outcome.value;
    errors.push(partError(OVERVIEW_PARTS[index], outcome.reason, log));
    return null;
  };
  const [server, systemInfo, os, cpu, memory] = OVERVIEW_PARTS.map((_, i) => value(i));

  const serverFailure = settled[0].status === 'rejected' ? settled[0].reason : undefined;
  if (isAlpaconMcpError(serverFailure) && serverFailure.code === ErrorCode.NotFound) throw serverFailure;
  if (errors.length === OVERVIEW_PARTS.length) throw serverFailure;

  return {
    server,
    system_info: systemInfo,
    os,
    metrics: { window_start: start, window_end: end, cpu: cpu as UsageSummary | null, memory: memory as UsageSummary | null },
    complete: errors.length === 0,
    errors,
  };
}

function partError(part: OverviewPart, reason: unknown, log: Logger): PartError {
  if (isAlpaconMcpError(reason)) return { part, code: reason.code, message: reason.message };
  log.error(`get_server_overview: unexpected failure of ${part}`, { error: reason instanceof Error ? reason.message : String(reason) });
  return { part, code: ErrorCode.Internal, message: 'Unexpected failure; details were logged on stderr.' };
}

interface Point {
  timestamp: string;
  usage: number;
}

function isPoint(value: unknown): value is Point {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.timestamp === 'string' && typeof record.usage === 'number' && Number.isFinite(record.usage);
}

/** Reads `{results: [{timestamp, usage}]}` (or a bare list) into count/min/avg/max/latest, oldest to newest. */
export function summarizeUsage(body: unknown): UsageSummary {
  const list = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? (body as { results?: unknown }).results : undefined;
  const points = (Array.isArray(list) ? list.filter(isPoint) : []).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  if (points.length === 0) return { count: 0, min: null, avg: null, max: null, latest: null, first_at: null, last_at: null };
  const values = points.map((p) => p.usage);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: points.length,
    min: round(Math.min(...values)),
    avg: round(values.reduce((sum, v) => sum + v, 0) / values.length),
    max: round(Math.max(...values)),
    latest: round(values[values.length - 1]),
    first_at: points[0].timestamp,
    last_at: points[points.length - 1].timestamp,
  };
}

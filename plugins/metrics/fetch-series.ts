/** Reads metric time series from Alpacon, whether it answers with a bare list, `{results}` or DRF pages. */
import type { AlpaconClient, AlpaconTarget, Query } from '../../core/index.js';
import type { MetricPoint } from './stats.js';
import type { TimeRange } from './time-range.js';

/** Pages followed at most per query (the API decides the page size). */
export const MAX_PAGES = 20;

export interface FetchedSeries {
  points: MetricPoint[];
  /** True when Alpacon had more pages than were fetched. */
  incomplete: boolean;
}

interface Envelope {
  points: MetricPoint[];
  nextPage: number | null;
}

export function readEnvelope(body: unknown): Envelope {
  const isPoint = (item: unknown): item is MetricPoint => typeof item === 'object' && item !== null && !Array.isArray(item);
  if (Array.isArray(body)) return { points: body.filter(isPoint), nextPage: null };
  if (!isPoint(body)) return { points: [], nextPage: null };
  const results = Array.isArray(body.results) ? body.results.filter(isPoint) : [];
  const next = body.next;
  const nextPage = typeof next === 'number' && next > 0 ? next : typeof next === 'string' ? pageFromUrl(next) : null;
  return { points: results, nextPage };
}

function pageFromUrl(url: string): number | null {
  const match = /[?&]page=(\d+)/.exec(url);
  return match ? Number(match[1]) : null;
}

export interface SeriesRequest {
  target: AlpaconTarget;
  path: string;
  serverId: string;
  range: TimeRange;
  /** Extra filters (device, partition, interface); empty values are not sent. */
  filters?: Query;
  signal: AbortSignal;
}

export async function fetchSeries(alpacon: AlpaconClient, request: SeriesRequest): Promise<FetchedSeries> {
  const { target, path, serverId, range, filters = {}, signal } = request;
  const query: Query = { server: serverId, start: range.start, end: range.end, ...filters };
  const resource = { what: 'Server', id: serverId };
  const points: MetricPoint[] = [];
  let page: number | null = null;
  for (let fetched = 0; fetched < MAX_PAGES; fetched += 1) {
    const body: unknown = await alpacon.get(target, path, { query: page === null ? query : { ...query, page }, resource, signal });
    const envelope = readEnvelope(body);
    points.push(...envelope.points);
    if (envelope.nextPage === null || envelope.points.length === 0) return { points, incomplete: false };
    page = envelope.nextPage;
  }
  return { points, incomplete: true };
}

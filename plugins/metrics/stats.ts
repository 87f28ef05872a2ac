/** Pure statistics over metric time series: no I/O, unit-tested directly. */

export interface FieldStats {
  min: number;
  avg: number;
  max: number;
  latest: number;
}

export interface SeriesSummary {
  /** What tells this series apart (device, mount_point, interface); empty for a single series. */
  labels: Record<string, string>;
  count: number;
  first_timestamp: string;
  last_timestamp: string;
  /** Per numeric field of the points. */
  stats: Record<string, FieldStats>;
}

export type MetricPoint = Record<string, unknown>;

/** Keys that are never summarized as metrics even when numeric. */
const NON_METRIC_KEYS = new Set(['timestamp', 'server', 'id', 'pk']);

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** min/avg/max/latest of values in time order; undefined when there are none. */
export function fieldStats(values: readonly number[]): FieldStats | undefined {
  if (values.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
    sum += value;
  }
  return { min: round(min), avg: round(sum / values.length), max: round(max), latest: round(values[values.length - 1]) };
}

/** Milliseconds of a point's timestamp, or undefined when it has none that parses. */
export function timeOf(point: MetricPoint): number | undefined {
  const raw = point.timestamp;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const ms = typeof raw === 'number' ? raw : Date.parse(raw);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Points with a usable timestamp, oldest first (stable for equal times). */
export function sortByTime(points: readonly MetricPoint[]): MetricPoint[] {
  return points
    .map((point, index) => ({ point, index, time: timeOf(point) }))
    .filter((entry): entry is { point: MetricPoint; index: number; time: number } => entry.time !== undefined)
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map((entry) => entry.point);
}

/** Numeric fields present in the points, in first-seen order, leaving out labels and ids. */
export function numericFields(points: readonly MetricPoint[], labelKeys: readonly string[]): string[] {
  const fields = new Set<string>();
  for (const point of points) {
    for (const [key, value] of Object.entries(point)) {
      if (NON_METRIC_KEYS.has(key) || labelKeys.includes(key)) continue;
      if (toNumber(value) !== undefined && typeof value !== 'boolean') fields.add(key);
    }
  }
  return [...fields];
}

function labelsOf(point: MetricPoint, labelKeys: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const key of labelKeys) {
    const value = point[key];
    if (typeof value === 'string' || typeof value === 'number') labels[key] = String(value);
  }
  return labels;
}

function isoOf(point: MetricPoint): string {
  return new Date(timeOf(point) ?? 0).toISOString();
}

/**
 * One summary per distinct combination of label values (for example per device), in first-seen order.
 * Points without a parseable timestamp are ignored; non-numeric values are skipped per field.
 */
export function summarizeSeries(points: readonly MetricPoint[], labelKeys: readonly string[] = []): SeriesSummary[] {
  const sorted = sortByTime(points);
  const fields = numericFields(sorted, labelKeys);
  const groups = new Map<string, { labels: Record<string, string>; points: MetricPoint[] }>();
  for (const point of sorted) {
    const labels = labelsOf(point, labelKeys);
    const key = JSON.stringify(labels);
    const group = groups.get(key) ?? { labels, points: [] };
    group.points.push(point);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ labels, points: groupPoints }) => {
    const stats: Record<string, FieldStats> = {};
    for (const field of fields) {
      const values = groupPoints.map((p) => toNumber(p[field])).filter((v): v is number => v !== undefined);
      const summary = fieldStats(values);
      if (summary) stats[field] = summary;
    }
    return {
      labels,
      count: groupPoints.length,
      first_timestamp: isoOf(groupPoints[0]),
      last_timestamp: isoOf(groupPoints[groupPoints.length - 1]),
      stats,
    };
  });
}

/** The most recent `limit` points (time order kept), and how many were left out. */
export function latestPoints(points: readonly MetricPoint[], limit: number): { points: MetricPoint[]; omitted: number } {
  const sorted = sortByTime(points);
  const omitted = Math.max(0, sorted.length - limit);
  return { points: sorted.slice(omitted), omitted };
}

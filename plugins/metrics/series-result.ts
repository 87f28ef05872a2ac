/** Shapes a fetched time series into what a model reads: a summary per series, raw points only on request. */
import type { FetchedSeries } from './fetch-series.js';
import { latestPoints, summarizeSeries, type MetricPoint, type SeriesSummary } from './stats.js';
import type { TimeRange } from './time-range.js';

/** Raw points returned at most when `include_points` is true. */
export const MAX_POINTS = 500;

export interface MetricKind {
  /** Name in results (`cpu`, `disk_usage`...). */
  metric: string;
  /** What the numbers mean, for the model. */
  unit: string;
  /** Point fields that tell series apart. */
  labels: readonly string[];
}

export interface SeriesResult extends TimeRange {
  server_id: string;
  metric: string;
  unit: string;
  /** Points received in the range, all series together. */
  count: number;
  series: SeriesSummary[];
  points?: MetricPoint[];
  note?: string;
}

export function seriesResult(kind: MetricKind, serverId: string, range: TimeRange, fetched: FetchedSeries, includePoints: boolean): SeriesResult {
  const series = summarizeSeries(fetched.points, kind.labels);
  const count = series.reduce((sum, s) => sum + s.count, 0);
  const notes: string[] = [];
  const result: SeriesResult = { server_id: serverId, metric: kind.metric, unit: kind.unit, ...range, count, series };
  if (count === 0) notes.push('No data points in this range: the server may not report this metric, or try a wider start_date/end_date.');
  if (fetched.incomplete) notes.push('Alpacon had more points than were fetched; narrow start_date/end_date for a complete summary.');
  if (includePoints) {
    const { points, omitted } = latestPoints(fetched.points, MAX_POINTS);
    result.points = points;
    if (omitted > 0) {
      notes.push(`points holds the latest ${points.length} of ${points.length + omitted}; ${omitted} earlier points were left out. Narrow start_date/end_date to see them.`);
    }
  }
  if (notes.length > 0) result.note = notes.join(' ');
  return result;
}

/** One line for people: "cpu: 288 points, usage avg 23.4 (max 80.1, latest 20)". */
export function describeSeries(result: SeriesResult): string {
  if (result.count === 0) return `${result.metric}: no data in range.`;
  const parts = result.series.slice(0, 3).map((s) => {
    const label = Object.values(s.labels).join(' ');
    const [field, stats] = Object.entries(s.stats)[0] ?? [];
    const text = stats ? `${field} avg ${stats.avg} (max ${stats.max}, latest ${stats.latest})` : `${s.count} points`;
    return label ? `${label}: ${text}` : text;
  });
  const more = result.series.length > 3 ? ` (+${result.series.length - 3} more series)` : '';
  return `${result.metric}: ${result.count} points; ${parts.join('; ')}${more}`;
}

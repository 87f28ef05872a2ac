/** get_server_metrics_summary: fetches the series concurrently, keeps what succeeded, and judges health. */
import type { AlpaconClient, Query } from '../../core/index.js';
import { discoverDiskDevice, discoverInterface } from './discover.js';
import type { GetServerMetricsSummaryInput } from './dto.js';
import { fetchSeries } from './fetch-series.js';
import { KINDS, SERIES_PATHS } from './metric-kinds.js';
import { settleParts, type PartError } from './settle-parts.js';
import type { FieldStats, SeriesSummary } from './stats.js';
import { summarizeSeries } from './stats.js';
import { lastHours, DEFAULT_RANGE_HOURS } from './time-range.js';
import { judge, THRESHOLDS, type Finding } from './verdict.js';

/** Metrics in the summary and the fields kept for each (all fields when none of these are present). */
const SUMMARY_FIELDS = {
  cpu: ['usage'],
  memory: ['usage'],
  disk_usage: ['usage'],
  traffic: ['avg_input_bps', 'avg_output_bps', 'peak_input_bps', 'peak_output_bps'],
} as const satisfies Partial<Record<keyof typeof SERIES_PATHS, readonly string[]>>;

type SummaryMetric = keyof typeof SUMMARY_FIELDS;

export interface CompactSeries {
  labels?: Record<string, string>;
  count: number;
  first_timestamp: string;
  last_timestamp: string;
  stats: Record<string, FieldStats>;
}

export interface MetricsSummary {
  server_id: string;
  start: string;
  end: string;
  hours: number;
  status: string;
  verdict: string;
  findings: Finding[];
  metrics: Partial<Record<SummaryMetric, CompactSeries[]>>;
  thresholds: typeof THRESHOLDS;
  errors?: Record<string, PartError>;
  note?: string;
}

export function compact(series: SeriesSummary[], keep: readonly string[]): CompactSeries[] {
  return series.map((s) => {
    const kept = Object.entries(s.stats).filter(([field]) => keep.includes(field));
    const stats = Object.fromEntries(kept.length > 0 ? kept : Object.entries(s.stats));
    const base = { count: s.count, first_timestamp: s.first_timestamp, last_timestamp: s.last_timestamp, stats };
    return Object.keys(s.labels).length > 0 ? { labels: s.labels, ...base } : base;
  });
}

export async function summarizeMetrics(alpacon: AlpaconClient, input: GetServerMetricsSummaryInput, signal: AbortSignal): Promise<MetricsSummary> {
  const { workspace, region, server_id, hours = DEFAULT_RANGE_HOURS } = input;
  const range = lastHours(hours);
  const names = Object.keys(SUMMARY_FIELDS) as SummaryMetric[];
  const lookup = { target: { workspace, region }, serverId: server_id, signal };
  // Disk usage needs a device and traffic is only meaningful per interface: found first, as the Python server does.
  const filters: Record<SummaryMetric, () => Promise<Query>> = {
    cpu: async () => ({}),
    memory: async () => ({}),
    disk_usage: async () => ({ device: await discoverDiskDevice(alpacon, lookup) }),
    traffic: async () => ({ interface: await discoverInterface(alpacon, lookup) }),
  };
  const parts = Object.fromEntries(
    names.map((name) => [
      name,
      async () => {
        const fetched = await fetchSeries(alpacon, { ...lookup, path: SERIES_PATHS[name], range, filters: await filters[name]() });
        return summarizeSeries(fetched.points, KINDS[name].labels);
      },
    ]),
  );
  const { values, errors } = await settleParts(parts);

  const metrics: MetricsSummary['metrics'] = {};
  for (const name of names) {
    const series = values[name];
    if (series) metrics[name] = compact(series, SUMMARY_FIELDS[name]);
  }
  const usage = (name: 'cpu' | 'memory'): FieldStats | undefined => values[name]?.[0]?.stats.usage;
  const disks = (values.disk_usage ?? []).flatMap((s) => {
    const stats = s.stats.usage;
    return stats ? [{ label: s.labels.mount_point ?? s.labels.device ?? 'disk', stats }] : [];
  });
  const verdict = judge({ cpu: usage('cpu'), memory: usage('memory'), disks });

  const summary: MetricsSummary = { server_id, ...range, hours, ...verdict, metrics, thresholds: THRESHOLDS };
  if (Object.keys(errors).length > 0) {
    summary.errors = errors;
    summary.note = `Partial data: ${Object.keys(errors).join(', ')} could not be fetched; the verdict covers the rest.`;
  }
  return summary;
}

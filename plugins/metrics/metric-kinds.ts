/** The time-series metrics: where each lives and how its points are labelled. */
import type { MetricKind } from './series-result.js';

export const SERIES_PATHS = {
  cpu: '/api/metrics/realtime/cpu/',
  memory: '/api/metrics/realtime/memory/',
  disk_usage: '/api/metrics/realtime/disk-usage/',
  disk_io: '/api/metrics/realtime/disk-io/',
  traffic: '/api/metrics/realtime/traffic/',
} as const;

export const KINDS = {
  cpu: { metric: 'cpu', unit: 'usage in percent', labels: [] },
  memory: { metric: 'memory', unit: 'usage in percent', labels: [] },
  disk_usage: { metric: 'disk_usage', unit: 'usage in percent; total/used/free in bytes', labels: ['device', 'mount_point'] },
  disk_io: { metric: 'disk_io', unit: 'read/write rates per second as reported by Alpacon', labels: ['device'] },
  traffic: { metric: 'traffic', unit: '*_bps bits/s, *_pps packets/s as reported by Alpacon', labels: ['interface'] },
} as const satisfies Record<keyof typeof SERIES_PATHS, MetricKind>;

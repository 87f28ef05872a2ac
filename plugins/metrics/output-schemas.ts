/** JSON Schemas of the stable result shapes (kept compact: they count against the tools/list budget). */

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
/** One summarized series: labels (device, interface...) and per-field min/avg/max/latest in `stats`. */
const seriesSummary = { type: 'object', properties: { labels: { type: 'object' }, count: int, stats: { type: 'object' } } } as const;

export const SERIES_OUTPUT = {
  type: 'object',
  properties: {
    metric: str,
    start: str,
    end: str,
    count: int,
    series: { type: 'array', items: seriesSummary },
    points: { type: 'array' },
    note: str,
  },
  required: ['metric', 'start', 'end', 'count', 'series'],
};

export const TOP_SERVERS_OUTPUT = {
  type: 'object',
  properties: {
    top: { type: 'object', description: 'per metric type, a list of servers with their value' },
    errors: { type: 'object', description: 'per failed metric type, {code, message}' },
  },
  required: ['top'],
};

export const ALERT_RULES_OUTPUT = {
  type: 'object',
  properties: { count: int, rules: { type: 'array' }, note: str },
  required: ['count', 'rules'],
};

export const METRICS_SUMMARY_OUTPUT = {
  type: 'object',
  properties: {
    server_id: str,
    hours: int,
    status: { type: 'string', enum: ['ok', 'warning', 'critical', 'unknown'] },
    verdict: str,
    findings: { type: 'array' },
    metrics: { type: 'object' },
    thresholds: { type: 'object' },
    errors: { type: 'object' },
  },
  required: ['server_id', 'hours', 'status', 'verdict', 'metrics', 'thresholds'],
};

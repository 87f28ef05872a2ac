/** JSON Schemas of the stable result shapes (kept compact: they count against the tools/list budget). */

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const num = { type: 'number' } as const;
const stats = { type: 'object', properties: { min: num, avg: num, max: num, latest: num } } as const;

/** One summarized series: per field min/avg/max/latest. */
const seriesSummary = {
  type: 'object',
  properties: {
    labels: { type: 'object', additionalProperties: str },
    count: int,
    first_timestamp: str,
    last_timestamp: str,
    stats: { type: 'object', additionalProperties: stats },
  },
  required: ['labels', 'count', 'stats'],
} as const;

export const SERIES_OUTPUT = {
  type: 'object',
  properties: {
    server_id: str,
    metric: str,
    unit: str,
    start: str,
    end: str,
    count: int,
    series: { type: 'array', items: seriesSummary },
    points: { type: 'array', items: { type: 'object' } },
    note: str,
  },
  required: ['server_id', 'metric', 'start', 'end', 'count', 'series'],
};

const partError = { type: 'object', properties: { code: str, message: str } } as const;

export const TOP_SERVERS_OUTPUT = {
  type: 'object',
  properties: {
    top: { type: 'object', additionalProperties: { type: 'array', items: { type: 'object' } } },
    errors: { type: 'object', additionalProperties: partError },
  },
  required: ['top'],
};

export const ALERT_RULES_OUTPUT = {
  type: 'object',
  properties: { count: int, rules: { type: 'array', items: { type: 'object' } }, note: str },
  required: ['count', 'rules'],
};

export const METRICS_SUMMARY_OUTPUT = {
  type: 'object',
  properties: {
    server_id: str,
    start: str,
    end: str,
    hours: int,
    status: { type: 'string', enum: ['ok', 'warning', 'critical', 'unknown'] },
    verdict: str,
    findings: { type: 'array', items: { type: 'object' } },
    metrics: { type: 'object', additionalProperties: { type: 'object' } },
    thresholds: { type: 'object' },
    errors: { type: 'object', additionalProperties: partError },
  },
  required: ['server_id', 'start', 'end', 'hours', 'status', 'verdict', 'metrics', 'thresholds'],
};

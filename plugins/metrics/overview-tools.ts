import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type ToolContext } from '../../core/index.js';
import { GetAlertRulesInput, GetServerMetricsSummaryInput, GetTopServersInput, TOP_METRIC_TYPES } from './dto.js';
import { readEnvelope } from './fetch-series.js';
import { ALERT_RULES_OUTPUT, METRICS_SUMMARY_OUTPUT, TOP_SERVERS_OUTPUT } from './output-schemas.js';
import { settleParts } from './settle-parts.js';
import { summarizeMetrics } from './summarize-metrics.js';

const MAX_ALERT_RULES = 200;

@injectable()
export class OverviewTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'get_top_servers',
    aliases: {
      metric_types: {
        to: 'metric_types',
        convert: (types) => (typeof types === 'string' ? (types.trim() === '' ? undefined : types.split(',').map((t) => t.trim()).filter(Boolean)) : types),
        note: 'also as the Python server\'s comma-separated string ("cpu,memory"; "" for all)',
      },
    },
    title: 'Top servers by usage',
    description: 'The busiest servers of the workspace over the last 24 h (top 5 per ranking), for cpu, memory, disk-io and traffic, in one call.',
    input: GetTopServersInput,
    annotations: Effects.read,
    output: TOP_SERVERS_OUTPUT,
    searchHint: 'hottest heaviest load usage',
  })
  async getTopServers({ metric_types = [...TOP_METRIC_TYPES], workspace, region }: GetTopServersInput, ctx: ToolContext) {
    const parts = Object.fromEntries(
      metric_types.map((type) => [
        type,
        async () => readEnvelope(await this.alpacon.get({ workspace, region }, `/api/metrics/realtime/${type}/top/`, { signal: ctx.signal })).points,
      ]),
    );
    const { values: top, errors } = await settleParts(parts);
    const failed = Object.keys(errors);
    const data = failed.length > 0 ? { top, errors } : { top };
    return reply(data, `Top servers for ${Object.keys(top).join(', ')}.${failed.length > 0 ? ` Failed: ${failed.join(', ')}.` : ''}`);
  }

  @Tool({
    name: 'get_alert_rules',
    title: 'Alert rules',
    description: 'Metric alert rules: metric, condition, threshold, enabled.',
    input: GetAlertRulesInput,
    annotations: Effects.read,
    output: ALERT_RULES_OUTPUT,
    searchHint: 'alert rules thresholds monitoring notifications',
  })
  async getAlertRules({ server_id, workspace, region }: GetAlertRulesInput, ctx: ToolContext) {
    const { items, count, truncated } = await this.alpacon.collect<Record<string, unknown>>({ workspace, region }, '/api/metrics/alert-rules/', MAX_ALERT_RULES, {
      query: { server: server_id },
      signal: ctx.signal,
      ...(server_id ? { resource: { what: 'Server', id: server_id } } : {}),
    });
    const note = truncated ? `Showing ${items.length} of ${count} rules; pass server_id to narrow the list.` : undefined;
    return reply({ count, rules: items, ...(note ? { note } : {}) }, `${items.length} alert rule(s).`);
  }

  @Tool({
    name: 'get_server_metrics_summary',
    alwaysLoad: true,
    title: 'Server metrics summary',
    description:
      'Health check of one server over the last `hours`: min/avg/max/latest of CPU, memory, disk usage and traffic, and a verdict ' +
      '("healthy", "memory pressure"...) with the thresholds it used.',
    input: GetServerMetricsSummaryInput,
    annotations: Effects.read,
    output: METRICS_SUMMARY_OUTPUT,
    searchHint: 'server health summary verdict metrics overview',
  })
  async getServerMetricsSummary(input: GetServerMetricsSummaryInput, ctx: ToolContext) {
    const summary = await summarizeMetrics(this.alpacon, input, ctx.signal);
    return reply(summary, `${summary.verdict} (${summary.status}, last ${summary.hours} h)`);
  }
}

/**
 * Every figure of the v1 bench as a flat list, from either generation's bench/results/latest.json: v1's own (76d7aa4, the
 * figures at the top level) or this bench's (the same figures under `v1`, see view.ts). scripts/bench-ab.mjs joins them.
 */
import { get, type Json } from '../lib/json.js';

/** ratio: a ratio v1 printed as its figure (issue 17: none may get worse); measure: a figure of alpacon-mcp itself;
 * comparator: code outside alpacon-mcp it is compared with (got, the minimal SDK server), shown, not judged; count: context.
 * The Websh ratio's comparator is alpacon-mcp's own one-shot tool, so both its sides are judged as measures too. */
export type FigureKind = 'ratio' | 'measure' | 'comparator' | 'count';

export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  better: 'lower' | 'higher' | 'none';
  kind: FigureKind;
}

/** The v1-shaped part of a results file. */
export function v1Part(results: Json): Json {
  const nested = results.v1;
  return nested !== null && typeof nested === 'object' ? (nested as Json) : results;
}

export function figures(results: Json): Figure[] {
  const v = v1Part(results);
  const out: Figure[] = [];
  const add = (id: string, label: string, value: unknown, unit: string, better: Figure['better'], kind: FigureKind): void => {
    if (typeof value === 'number' && Number.isFinite(value)) out.push({ id, label, value, unit, better, kind });
  };
  add('per_call.mcp_p50', 'get_server over stdio, p50', get(v, 'per_call', 'mcp_ms', 'p50'), 'ms', 'lower', 'measure');
  add('per_call.mcp_p99', 'get_server over stdio, p99', get(v, 'per_call', 'mcp_ms', 'p99'), 'ms', 'lower', 'measure');
  add('per_call.direct_p50', 'the same GET with got, p50', get(v, 'per_call', 'direct_ms', 'p50'), 'ms', 'none', 'comparator');
  add('per_call.ratio_p50', 'per call, MCP / direct got, p50', get(v, 'per_call', 'ratio_p50'), 'x', 'lower', 'ratio');
  add('per_call.ratio_p99', 'per call, MCP / direct got, p99', get(v, 'per_call', 'ratio_p99'), 'x', 'lower', 'ratio');
  add('cold_start.alpacon_ms', 'cold start, all plugins', get(v, 'cold_start', 'alpacon_ms'), 'ms', 'lower', 'measure');
  add('cold_start.minimal_ms', 'cold start, minimal SDK server', get(v, 'cold_start', 'minimal_ms'), 'ms', 'none', 'comparator');
  add('cold_start.ratio', 'cold start, all plugins / minimal', get(v, 'cold_start', 'ratio'), 'x', 'lower', 'ratio');
  for (const set of ['all_plugins', 'default_set', 'read_only']) {
    add(`tools_list.${set}.bytes`, `tools/list bytes, ${set.replace('_', ' ')}`, get(v, 'tools_list', set, 'bytes'), 'B', 'lower', 'measure');
    add(`tools_list.${set}.tools`, `tools, ${set.replace('_', ' ')}`, get(v, 'tools_list', set, 'tools'), 'tools', 'none', 'count');
  }
  const points = get(v, 'fan_out', 'points');
  for (const point of Array.isArray(points) ? (points as Json[]) : []) {
    add(`fan_out.${String(point.servers)}`, `fan-out to ${String(point.servers)} servers`, point.ms, 'ms', 'lower', 'measure');
  }
  add('fan_out.time_factor', 'fan-out time, largest / 1 server', get(v, 'fan_out', 'growth', 'time_factor'), 'x', 'lower', 'ratio');
  add('memory.idle', 'RSS idle (stdio)', get(v, 'memory', 'idle_rss_mib'), 'MiB', 'lower', 'measure');
  add('memory.after_calls', 'RSS after the memory calls', get(v, 'memory', 'after_calls_rss_mib'), 'MiB', 'lower', 'measure');
  add('memory.growth', 'RSS growth over idle', get(v, 'memory', 'growth_mib'), 'MiB', 'lower', 'measure');
  add('http_soak.rps', 'HTTP soak throughput', get(v, 'http_soak', 'requests_per_second'), 'req/s', 'higher', 'measure');
  add('http_soak.failed', 'HTTP soak failed calls', get(v, 'http_soak', 'failed'), 'calls', 'lower', 'measure');
  add('http_soak.rss_peak', 'HTTP soak RSS peak', get(v, 'http_soak', 'rss_mib', 'peak'), 'MiB', 'lower', 'measure');
  add('http_soak.rss_end', 'HTTP soak RSS at the end', get(v, 'http_soak', 'rss_mib', 'end'), 'MiB', 'lower', 'measure');
  add('websh.pooled_ms', 'Websh 200 pooled commands', get(v, 'websh_pool', 'pooled_ms'), 'ms', 'lower', 'measure');
  add('websh.one_shot_ms', 'Websh 200 one-shot commands', get(v, 'websh_pool', 'one_shot_ms'), 'ms', 'lower', 'measure');
  add('websh.ratio', 'Websh one-shot / pooled', get(v, 'websh_pool', 'ratio'), 'x', 'higher', 'ratio');
  add('webftp.upload_ratio', 'WebFTP upload, plain got / MCP stream time', get(v, 'webftp_stream', 'upload', 'ratio'), 'x', 'higher', 'ratio');
  add('webftp.download_ratio', 'WebFTP download, plain got / MCP stream time', get(v, 'webftp_stream', 'download', 'ratio'), 'x', 'higher', 'ratio');
  add('webftp.peak_rss', 'WebFTP server peak RSS', get(v, 'webftp_stream', 'server_peak_rss_mb'), 'MB', 'lower', 'measure');
  return out;
}

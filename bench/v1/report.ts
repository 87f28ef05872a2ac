/** v1's table (bench/report.ts at 76d7aa4), row for row, printed from the v1 view so before and after read alike. */
import { get, type Json } from '../lib/json.js';

const str = (value: unknown): string => (value === undefined || value === null ? '-' : String(value));
const mark = (met: unknown): string => (met === true ? 'yes' : met === false ? 'NO' : '-');

export type V1Row = [string, string, string, string];

export function v1Rows(v1: Json): V1Row[] {
  const rows: V1Row[] = [];
  const pc = v1.per_call;
  rows.push([
    'per-call get_server (stdio vs got)',
    `MCP p50 ${str(get(pc, 'mcp_ms', 'p50'))} ms, p99 ${str(get(pc, 'mcp_ms', 'p99'))} ms; direct p50 ${str(get(pc, 'direct_ms', 'p50'))} ms, p99 ${str(get(pc, 'direct_ms', 'p99'))} ms`,
    `${str(get(pc, 'ratio_p50'))}x p50`,
    `<= 1.3x: ${mark(get(pc, 'target_met'))}`,
  ]);
  const cs = v1.cold_start;
  rows.push([
    'cold start to first tools/list',
    `alpacon-mcp (${str(get(cs, 'alpacon_tools'))} tools) ${str(get(cs, 'alpacon_ms'))} ms vs minimal SDK server ${str(get(cs, 'minimal_ms'))} ms`,
    `${str(get(cs, 'ratio'))}x`,
    `<= 1.5x: ${mark(get(cs, 'target_met'))}`,
  ]);
  for (const key of ['all_plugins', 'default_set', 'read_only']) {
    const size = get(v1.tools_list, key);
    rows.push([`tools/list size, ${key.replace('_', ' ')}`, `${str(get(size, 'tools'))} tools, ${str(get(size, 'bytes'))} bytes`, `~${str(get(size, 'estimated_tokens'))} tokens`, '-']);
  }
  const points = (get(v1.fan_out, 'points') as { servers: number; ms: number }[] | undefined) ?? [];
  rows.push([
    `fan-out execute_command_multi_server (concurrency ${str(get(v1.fan_out, 'concurrency'))})`,
    points.map((p) => `${p.servers}: ${p.ms} ms`).join(', '),
    `time x${str(get(v1.fan_out, 'growth', 'time_factor'))} for servers x${str(get(v1.fan_out, 'growth', 'server_factor'))}`,
    '-',
  ]);
  const mem = v1.memory;
  rows.push([
    'memory (stdio server RSS)',
    `idle ${str(get(mem, 'idle_rss_mib'))} MiB, after ${str(get(mem, 'calls'))} more calls ${str(get(mem, 'after_calls_rss_mib'))} MiB ` +
      `(by quarter: ${((get(mem, 'samples_mib') as { rss_mib?: number }[] | undefined) ?? []).map((s) => str(s.rss_mib)).join(', ')})`,
    `+${str(get(mem, 'growth_mib'))} MiB`,
    '-',
  ]);
  const soak = v1.http_soak;
  if (soak !== undefined) {
    rows.push([
      `HTTP soak (${str(get(soak, 'clients'))} clients, ${str(get(soak, 'seconds'))} s)`,
      `${str(get(soak, 'calls'))} calls, ${str(get(soak, 'requests_per_second'))} req/s; server RSS ${str(get(soak, 'rss_mib', 'start'))} -> peak ${str(get(soak, 'rss_mib', 'peak'))} -> ${str(get(soak, 'rss_mib', 'end'))} MiB`,
      `${str(get(soak, 'failed'))} failed`,
      `0 failed: ${mark(get(soak, 'failed') === 0)}`,
    ]);
  }
  const websh = v1.websh_pool;
  rows.push(
    get(websh, 'ratio') !== undefined
      ? ['Websh pool (200 pooled vs one-shot)', `pooled ${str(get(websh, 'pooled_ms'))} ms, one-shot ${str(get(websh, 'one_shot_ms'))} ms, ${str(get(websh, 'pooled_commands_per_second'))} cmd/s`, `${str(get(websh, 'ratio'))}x`, `>= 10x: ${mark(get(websh, 'targets', 'pool_at_least_10x'))}`]
      : ['Websh pool', JSON.stringify(websh), '-', '-'],
  );
  const ftp = v1.webftp_stream;
  rows.push(
    get(ftp, 'upload') !== undefined
      ? ['WebFTP stream vs plain got', `upload ${str(get(ftp, 'upload', 'ratio'))}x, download ${str(get(ftp, 'download', 'ratio'))}x of plain; peak RSS ${str(get(ftp, 'server_peak_rss_mb'))} MB`, '-', `>= 0.7x: ${mark(get(ftp, 'targets', 'upload_at_least_70pct') === true && get(ftp, 'targets', 'download_at_least_70pct') === true)}; < 100 MB: ${mark(get(ftp, 'targets', 'rss_under_100mb'))}`]
      : ['WebFTP stream', JSON.stringify(ftp), '-', '-'],
  );
  return rows;
}

export const V1_HEADER: V1Row = ['benchmark (v1 definitions)', 'measured', 'ratio', 'target'];

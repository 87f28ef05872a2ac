/** The benchmark results as the table: each figure with the peer's, the ratio and the goal. Plain text and Markdown. */
import { v1Rows, V1_HEADER } from './v1/report.js';
import { v1View } from './v1/view.js';
import { get, type Json } from './lib/json.js';

const str = (value: unknown): string => (value === undefined || value === null ? '-' : String(value));
const mark = (met: unknown): string => (met === true ? 'met' : met === false ? 'NOT MET' : '-');

/** figure | alpacon-mcp | peer / baseline | ratio | goal | met */
export type Row = [string, string, string, string, string, string];

export function reportRows(results: Json): Row[] {
  const rows: Row[] = [];
  const cs = results.cold_start;
  const peerStart = `${str(get(cs, 'peer', 'ms'))} ms`;
  rows.push(['cold start to the first tools/list, default plugins', `${str(get(cs, 'default_set', 'ms'))} ms (${str(get(cs, 'default_set', 'tools'))} tools)`, peerStart, `${str(get(cs, 'default_set', 'ratio'))}x`, '<= 1.5x', mark(get(cs, 'targets', 'start_within_1_5x'))]);
  rows.push(['cold start to the first tools/list, all plugins', `${str(get(cs, 'all_plugins', 'ms'))} ms (${str(get(cs, 'all_plugins', 'tools'))} tools)`, peerStart, `${str(get(cs, 'all_plugins', 'ratio'))}x`, '-', '-']);
  const peerRss = `${str(get(cs, 'peer', 'rss_mib'))} MiB`;
  rows.push(['RSS after start, default plugins', `${str(get(cs, 'default_set', 'rss_mib'))} MiB`, peerRss, `${str(get(cs, 'default_set', 'rss_ratio'))}x`, '<= 1.2x', mark(get(cs, 'targets', 'rss_within_1_2x'))]);
  rows.push(['RSS after start, all plugins', `${str(get(cs, 'all_plugins', 'rss_mib'))} MiB`, peerRss, `${str(get(cs, 'all_plugins', 'rss_ratio'))}x`, '-', '-']);
  const pc = results.per_call;
  rows.push([`get_server per call, p50 over ${str(get(pc, 'calls'))} calls (stdio)`, `${str(get(pc, 'alpacon_ms', 'p50'))} ms (p99 ${str(get(pc, 'alpacon_ms', 'p99'))})`, `${str(get(pc, 'peer_ms', 'p50'))} ms (p99 ${str(get(pc, 'peer_ms', 'p99'))})`, `${str(get(pc, 'ratio_p50'))}x`, '<= 1.1x', mark(get(pc, 'target_met'))]);
  const tl = results.tools_list;
  rows.push(['default tools/list, one workspace', `${str(get(tl, 'default_set', 'bytes_per_tool'))} B a tool (${str(get(tl, 'default_set', 'tools'))} tools, ${str(get(tl, 'default_set', 'bytes'))} B, ~${str(get(tl, 'default_set', 'estimated_tokens'))} tokens)`, '-', '-', '<= 600 B a tool', mark(get(tl, 'target_met'))]);
  rows.push(['default tools/list, workspace published', `${str(get(tl, 'default_set_any_workspace', 'bytes_per_tool'))} B a tool (${str(get(tl, 'default_set_any_workspace', 'bytes'))} B, ~${str(get(tl, 'default_set_any_workspace', 'estimated_tokens'))} tokens)`, '-', '-', '-', '-']);
  rows.push(['all plugins tools/list, one workspace', `${str(get(tl, 'all_plugins', 'bytes_per_tool'))} B a tool (${str(get(tl, 'all_plugins', 'tools'))} tools, ${str(get(tl, 'all_plugins', 'bytes'))} B, ~${str(get(tl, 'all_plugins', 'estimated_tokens'))} tokens)`, '-', '-', '-', '-']);
  const byPlugin = Object.entries((get(tl, 'by_plugin') as Record<string, { tools: number; bytes: number; estimated_tokens: number }> | undefined) ?? {});
  rows.push(['tools/list by plugin (all plugins, one workspace)', byPlugin.map(([name, p]) => `${name} ${p.tools}: ${p.bytes} B ~${p.estimated_tokens} tok`).join('; ') || '-', '-', '-', '-', '-']);
  rows.push(['server instructions, default plugins (sent once)', `${str(get(tl, 'default_instructions', 'bytes'))} B (~${str(get(tl, 'default_instructions', 'estimated_tokens'))} tokens)`, '-', '-', '-', '-']);
  const mem = results.memory;
  rows.push([`RSS after ${str(get(mem, 'calls'))} calls vs after the first tenth`, `${str(get(mem, 'after_calls_rss_mib'))} MiB vs ${str(get(mem, 'after_first_rss_mib'))} MiB (idle ${str(get(mem, 'idle_rss_mib'))})`, '-', `${str(get(mem, 'ratio'))}x`, '<= 1.1x', mark(get(mem, 'target_met'))]);
  const ftp = results.webftp_stream;
  if (get(ftp, 'server_peak_rss_mb') !== undefined) {
    const added = Number(get(ftp, 'server_peak_rss_mb')) - Number(get(ftp, 'server_idle_rss_mb'));
    rows.push([`WebFTP transfer of ${str(get(ftp, 'bytes_label') ?? get(ftp, 'bytes'))} B: RSS added over idle`, `+${Math.round(added)} MB (idle ${str(get(ftp, 'server_idle_rss_mb'))}, peak ${str(get(ftp, 'server_peak_rss_mb'))})`, '-', '-', '<= 20 MB', mark(added <= 20)]);
  } else rows.push(['WebFTP transfer', JSON.stringify(ftp), '-', '-', '<= 20 MB', '-']);
  for (const profile of ['zero_latency', 'real_workspace'] as const) {
    const w = get(results.websh_pool, profile);
    if (get(w, 'same_server') === undefined) {
      rows.push([`Websh (${profile})`, JSON.stringify(w), '-', '-', '-', '-']);
      continue;
    }
    const n = str(get(w, 'same_server', 'calls'));
    rows.push([`${n} parallel execute_command "sleep 1" on one server vs one (${profile.replace('_', ' ')})`, `${str(get(w, 'same_server', 'parallel_cold_ms'))} ms growing, ${str(get(w, 'same_server', 'parallel_warm_ms'))} ms warm`, `${str(get(w, 'same_server', 'one_ms'))} ms (one)`, `${str(get(w, 'same_server', 'ratio_cold'))}x / ${str(get(w, 'same_server', 'ratio_warm'))}x`, '<= 1.3x', mark(get(w, 'targets', 'same_server_within_1_3x'))]);
    if (profile === 'real_workspace') {
      const spare = get(results.websh_pool, 'real_workspace_warm_spares', 'same_server');
      if (spare !== undefined) rows.push([`the same first burst with websh.warmSpares ${str(Number(get(spare, 'calls')) - 1)} (real workspace)`, `${str(get(spare, 'parallel_cold_ms'))} ms first burst (${str(get(spare, 'sessions_opened'))} sessions opened in it)`, `${str(get(spare, 'one_ms'))} ms (one)`, `${str(get(spare, 'ratio_cold'))}x`, '<= 1.3x', mark(Number(get(spare, 'ratio_cold')) <= 1.3)]);
    }
    rows.push([`Websh pool vs one session per command (${profile.replace('_', ' ')})`, `${str(get(w, 'commands'))} pooled ${str(get(w, 'pooled_ms'))} ms`, `one-shot ${str(get(w, 'one_shot_ms'))} ms`, `${str(get(w, 'ratio'))}x faster`, '-', '-']);
  }
  const items = (results.list_items as { tool: string; items: number; bytes_per_item: number | null; target_met: boolean | null; error?: string }[] | undefined) ?? [];
  for (const item of items) {
    rows.push([`${item.tool}: bytes per item`, item.bytes_per_item === null ? `no items (${item.error ?? 'empty in the sandbox'})` : `${item.bytes_per_item} B (${item.items} items)`, '-', '-', '<= 200 B', mark(item.target_met)]);
  }
  const points = (get(results.fan_out, 'points') as { servers: number; ms: number }[] | undefined) ?? [];
  rows.push([`fan-out execute_command_multi_server (concurrency ${str(get(results.fan_out, 'concurrency'))})`, points.map((p) => `${p.servers}: ${p.ms} ms`).join(', '), '-', `time x${str(get(results.fan_out, 'growth', 'time_factor'))} for servers x${str(get(results.fan_out, 'growth', 'server_factor'))}`, '-', '-']);
  const soak = results.http_soak;
  if (soak !== undefined) {
    rows.push([`HTTP soak (${str(get(soak, 'clients'))} clients, ${str(get(soak, 'seconds'))} s)`, `${str(get(soak, 'calls'))} calls, ${str(get(soak, 'requests_per_second'))} req/s; RSS ${str(get(soak, 'rss_mib', 'start'))} -> ${str(get(soak, 'rss_mib', 'peak'))} MiB`, '-', `${str(get(soak, 'failed'))} failed`, '0 failed', mark(get(soak, 'failed') === 0)]);
  }
  return rows;
}

const HEADER: Row = ['figure', 'alpacon-mcp', 'peer', 'ratio', 'goal', 'met'];

function plainTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (c: string) => c.replace(/\|/g, '\\|');
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

/** The issue-18 table, then v1's table (the same figures as the bench at 76d7aa4, measured the same way). */
export function printReport(results: Json): void {
  process.stdout.write(`${plainTable(HEADER, reportRows(results))}\n\n`);
  process.stdout.write(`Figures of the v1 bench (76d7aa4), same definitions and comparators:\n${plainTable(V1_HEADER, v1Rows(v1View(results)))}\n`);
}

export function markdownReport(results: Json): string {
  return `${markdownTable(HEADER, reportRows(results))}\n\nThe figures of the v1 bench (76d7aa4), same definitions and comparators:\n\n${markdownTable(V1_HEADER, v1Rows(v1View(results)))}\n`;
}

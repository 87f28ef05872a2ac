import type { Sandbox } from '../sandbox/index.js';
import { mib, rssOf } from './lib/rss.js';
import { median, round } from './lib/stats.js';
import { spawnAlpacon, spawnMinimal, spawnPeer, type StdioServer } from './lib/stdio-server.js';

export interface StartFigures {
  /** Median ms from spawn to the first tools/list answer. */
  ms: number;
  /** Median RSS right after that answer (and a short settle). */
  rss_mib: number | undefined;
  tools: number;
  samples_ms: number[];
}

export interface ColdStartResult {
  runs: number;
  peer: StartFigures;
  default_set: StartFigures & { ratio: number; rss_ratio: number | undefined };
  all_plugins: StartFigures & { ratio: number; rss_ratio: number | undefined };
  /** Goals: start ≤ 1.5× the peer, RSS ≤ 1.2× (default set). */
  targets: { start_within_1_5x: boolean; rss_within_1_2x: boolean };
  /** v1's figure: all plugins versus the one-tool McpServer of bench/minimal-server.ts (v1 target ≤ 1.5×). */
  v1: { runs: number; alpacon_ms: number; alpacon_tools: number; minimal_ms: number; ratio: number; target_met: boolean; samples: { alpacon: number[]; minimal: number[] } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function firstToolsList(start: () => Promise<StdioServer>): Promise<{ ms: number; rss: number | undefined; tools: number }> {
  const t0 = performance.now();
  const server = await start();
  const { tools } = await server.client.listTools();
  const ms = performance.now() - t0;
  await settle();
  const rss = await rssOf(server.pid);
  await server.close();
  return { ms, rss, tools: tools.length };
}

async function series(start: () => Promise<StdioServer>, runs: number): Promise<StartFigures> {
  const ms: number[] = [];
  const rss: number[] = [];
  let tools = 0;
  for (let i = 0; i < runs; i++) {
    const one = await firstToolsList(start);
    ms.push(round(one.ms, 1));
    if (one.rss !== undefined) rss.push(one.rss);
    tools = one.tools;
  }
  return { ms: median(ms), rss_mib: rss.length > 0 ? mib(median(rss)) : undefined, tools, samples_ms: ms };
}

/**
 * Process start → first tools/list answer, and RSS then: alpacon-mcp (default set, all plugins) versus the peer and v1's
 * minimal SDK server, in interleaved rounds so all four see the same machine load.
 */
export async function coldStart(sandbox: Sandbox, runs: number): Promise<ColdStartResult> {
  const starts = {
    peer: () => spawnPeer(sandbox),
    minimal: () => spawnMinimal(),
    defaults: () => spawnAlpacon(sandbox),
    all: () => spawnAlpacon(sandbox, { plugins: ['all'] }),
  };
  for (const start of Object.values(starts)) await firstToolsList(start); // warm the file system cache
  const rounds = { peer: [] as StartFigures[], minimal: [] as StartFigures[], defaults: [] as StartFigures[], all: [] as StartFigures[] };
  for (let i = 0; i < runs; i++) {
    for (const [name, start] of Object.entries(starts) as [keyof typeof starts, () => Promise<StdioServer>][]) {
      rounds[name].push(await series(start, 1));
    }
  }
  const merge = (list: StartFigures[]): StartFigures => {
    const ms = list.flatMap((f) => f.samples_ms);
    const rss = list.map((f) => f.rss_mib).filter((v): v is number => v !== undefined);
    return { ms: median(ms), rss_mib: rss.length > 0 ? median(rss) : undefined, tools: list[0]?.tools ?? 0, samples_ms: ms };
  };
  const peer = merge(rounds.peer);
  const withRatio = (f: StartFigures) => ({
    ...f,
    ratio: round(f.ms / peer.ms),
    rss_ratio: f.rss_mib !== undefined && peer.rss_mib !== undefined ? round(f.rss_mib / peer.rss_mib) : undefined,
  });
  const defaults = withRatio(merge(rounds.defaults));
  const all = withRatio(merge(rounds.all));
  const minimal = merge(rounds.minimal);
  return {
    runs,
    peer,
    default_set: defaults,
    all_plugins: all,
    targets: { start_within_1_5x: defaults.ratio <= 1.5, rss_within_1_2x: defaults.rss_ratio !== undefined && defaults.rss_ratio <= 1.2 },
    v1: {
      runs,
      alpacon_ms: all.ms,
      alpacon_tools: all.tools,
      minimal_ms: minimal.ms,
      ratio: round(all.ms / minimal.ms),
      target_met: all.ms / minimal.ms <= 1.5,
      samples: { alpacon: all.samples_ms, minimal: minimal.samples_ms },
    },
  };
}

import type { Sandbox } from '../sandbox/index.js';
import { mib, rssOf } from './lib/rss.js';
import { round } from './lib/stats.js';
import type { StdioServer } from './lib/stdio-server.js';

export interface MemoryResult {
  idle_rss_mib: number | undefined;
  calls: number;
  /** RSS after the first 1,000 calls (10% of them in a quick run). */
  after_first_rss_mib: number | undefined;
  after_calls_rss_mib: number | undefined;
  /** after all calls / after the first ones; goal ≤ 1.1. */
  ratio: number | undefined;
  target_met: boolean;
  /** RSS after each tenth of the calls: a plateau means no leak, a steady climb means one. */
  samples_mib: { calls: number; rss_mib: number | undefined }[];
  /** v1's figures: RSS after all calls minus idle, and RSS after each quarter of the calls. */
  growth_mib: number | undefined;
  quarters_mib: { calls: number; rss_mib: number | undefined }[];
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

/** RSS of the stdio server process: idle after start, after the first tenth of the calls, and after all of them. */
export const memoryAfterCalls = {
  async idle(server: StdioServer): Promise<number | undefined> {
    await server.client.listTools();
    await settle();
    return rssOf(server.pid);
  },

  async after(server: StdioServer, sandbox: Sandbox, idle: number | undefined, calls: number): Promise<MemoryResult> {
    const serverId = sandbox.world.servers.all()[0].id;
    const samples: MemoryResult['samples_mib'] = [];
    const quarters: MemoryResult['quarters_mib'] = [];
    const tenth = Math.max(1, Math.floor(calls / 10));
    const quarter = Math.max(1, Math.floor(calls / 4));
    let afterFirst: number | undefined;
    for (let i = 1; i <= calls; i++) {
      const result = await server.call('get_server', { server_id: serverId });
      if (!result.ok) throw new Error(`get_server failed during the memory run: ${JSON.stringify(result.structured)}`);
      if (i % tenth !== 0 && i % quarter !== 0) continue;
      const rss = await rssOf(server.pid);
      if (i === tenth) afterFirst = rss;
      if (i % tenth === 0) samples.push({ calls: i, rss_mib: mib(rss) });
      if (i % quarter === 0) quarters.push({ calls: i, rss_mib: mib(rss) });
    }
    await settle();
    const after = await rssOf(server.pid);
    const ratio = after !== undefined && afterFirst !== undefined ? round(after / afterFirst) : undefined;
    return {
      idle_rss_mib: mib(idle),
      calls,
      after_first_rss_mib: mib(afterFirst),
      after_calls_rss_mib: mib(after),
      ratio,
      target_met: ratio !== undefined && ratio <= 1.1,
      samples_mib: samples,
      growth_mib: idle !== undefined && after !== undefined ? mib(after - idle) : undefined,
      quarters_mib: quarters,
    };
  },
};

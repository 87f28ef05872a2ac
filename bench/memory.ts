import type { Sandbox } from '../sandbox/index.js';
import { mib, rssOf } from './lib/rss.js';
import type { StdioServer } from './lib/stdio-server.js';

export interface MemoryResult {
  idle_rss_mib: number | undefined;
  calls: number;
  after_calls_rss_mib: number | undefined;
  growth_mib: number | undefined;
  /** RSS after each quarter of the calls: a plateau means no leak, a steady climb means one. */
  samples_mib: { calls: number; rss_mib: number | undefined }[];
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

/** RSS of the stdio server process: idle after start, then after many get_server calls (the per-call run counts too). */
export const memoryAfterCalls = {
  async idle(server: StdioServer): Promise<number | undefined> {
    await server.client.listTools();
    await settle();
    return rssOf(server.pid);
  },

  async after(server: StdioServer, sandbox: Sandbox, idle: number | undefined, calls: number): Promise<MemoryResult> {
    const serverId = sandbox.world.servers.all()[0].id;
    const samples: MemoryResult['samples_mib'] = [];
    const quarter = Math.max(1, Math.floor(calls / 4));
    for (let i = 1; i <= calls; i++) {
      const result = await server.call('get_server', { workspace: sandbox.workspace, server_id: serverId });
      if (!result.ok) throw new Error(`get_server failed during the memory run: ${JSON.stringify(result.structured)}`);
      if (i % quarter === 0) samples.push({ calls: i, rss_mib: mib(await rssOf(server.pid)) });
    }
    await settle();
    const after = await rssOf(server.pid);
    return {
      idle_rss_mib: mib(idle),
      calls,
      after_calls_rss_mib: mib(after),
      growth_mib: idle !== undefined && after !== undefined ? mib(after - idle) : undefined,
      samples_mib: samples,
    };
  },
};

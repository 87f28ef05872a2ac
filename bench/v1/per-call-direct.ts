import got from 'got';
import { Agent } from 'node:http';
import type { Sandbox } from '../../sandbox/index.js';
import { percentile, round } from '../lib/stats.js';
import type { StdioServer } from '../lib/stdio-server.js';

/** The v1 per-call figure (bench/per-call.ts at 76d7aa4), kept so the two generations compare one to one. */
export interface PerCallDirectResult {
  calls: number;
  mcp_ms: { p50: number; p99: number };
  direct_ms: { p50: number; p99: number };
  /** MCP p50 / direct p50; v1 target ≤ 1.3. */
  ratio_p50: number;
  ratio_p99: number;
  target_met: boolean;
}

/**
 * `get_server` through the real server over stdio (with `workspace`, as v1 sent it) versus the same GET sent directly with
 * got (keep-alive, JSON parsed), to the same sandbox, in alternating blocks of 50 after 50 warm-up pairs: v1's definition.
 */
export async function perCallVsDirect(server: StdioServer, sandbox: Sandbox, calls: number): Promise<PerCallDirectResult> {
  const serverId = sandbox.world.servers.all()[0].id;
  const agent = new Agent({ keepAlive: true });
  const direct = got.extend({
    prefixUrl: sandbox.url,
    headers: { authorization: `token="${sandbox.token}"`, accept: 'application/json' },
    agent: { http: agent },
    responseType: 'json',
    retry: { limit: 0 },
  });
  const mcp = async () => {
    const result = await server.call('get_server', { workspace: sandbox.workspace, server_id: serverId });
    if (!result.ok) throw new Error(`get_server failed: ${JSON.stringify(result.structured)}`);
  };
  const plain = async () => {
    await direct.get(`api/servers/servers/${serverId}/`).json();
  };
  for (let i = 0; i < 50; i++) {
    await mcp();
    await plain();
  }
  const mcpSamples: number[] = [];
  const directSamples: number[] = [];
  const block = 50;
  for (let done = 0; done < calls; done += block) {
    for (let i = 0; i < block; i++) {
      const t0 = performance.now();
      await mcp();
      mcpSamples.push(performance.now() - t0);
    }
    for (let i = 0; i < block; i++) {
      const t0 = performance.now();
      await plain();
      directSamples.push(performance.now() - t0);
    }
  }
  agent.destroy();
  const mcp50 = percentile(mcpSamples, 50);
  const direct50 = percentile(directSamples, 50);
  const ratio = mcp50 / direct50;
  return {
    calls: mcpSamples.length,
    mcp_ms: { p50: round(mcp50, 3), p99: round(percentile(mcpSamples, 99), 3) },
    direct_ms: { p50: round(direct50, 3), p99: round(percentile(directSamples, 99), 3) },
    ratio_p50: round(ratio),
    ratio_p99: round(percentile(mcpSamples, 99) / percentile(directSamples, 99)),
    target_met: ratio <= 1.3,
  };
}

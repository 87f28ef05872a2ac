import type { Sandbox } from '../sandbox/index.js';
import { percentile, round } from './lib/stats.js';
import type { StdioServer } from './lib/stdio-server.js';

export interface PerCallResult {
  calls: number;
  alpacon_ms: { p50: number; p99: number };
  peer_ms: { p50: number; p99: number };
  /** alpacon p50 / peer p50; goal ≤ 1.1. */
  ratio_p50: number;
  ratio_p99: number;
  target_met: boolean;
}

/**
 * `get_server` through alpacon-mcp over stdio versus the same request through the peer (one-tool SDK server doing the GET
 * with fetch) over stdio, to the same sandbox, in alternating blocks so both see the same machine noise.
 */
export async function perCallOverhead(alpacon: StdioServer, peer: StdioServer, sandbox: Sandbox, calls: number): Promise<PerCallResult> {
  const serverId = sandbox.world.servers.all()[0].id;
  const one = (server: StdioServer, name: string) => async () => {
    const result = await server.call('get_server', { server_id: serverId });
    if (!result.ok) throw new Error(`${name} get_server failed: ${JSON.stringify(result.structured)}`);
  };
  const runs = { alpacon: one(alpacon, 'alpacon-mcp'), peer: one(peer, 'peer') };
  for (let i = 0; i < 50; i++) {
    await runs.alpacon();
    await runs.peer();
  }
  const samples = { alpacon: [] as number[], peer: [] as number[] };
  const block = 50;
  for (let done = 0; done < calls; done += block) {
    for (const name of ['alpacon', 'peer'] as const) {
      for (let i = 0; i < block; i++) {
        const t0 = performance.now();
        await runs[name]();
        samples[name].push(performance.now() - t0);
      }
    }
  }
  const p = (name: keyof typeof samples, q: number) => percentile(samples[name], q);
  const ratio = p('alpacon', 50) / p('peer', 50);
  return {
    calls: samples.alpacon.length,
    alpacon_ms: { p50: round(p('alpacon', 50), 3), p99: round(p('alpacon', 99), 3) },
    peer_ms: { p50: round(p('peer', 50), 3), p99: round(p('peer', 99), 3) },
    ratio_p50: round(ratio),
    ratio_p99: round(p('alpacon', 99) / p('peer', 99)),
    target_met: ratio <= 1.1,
  };
}

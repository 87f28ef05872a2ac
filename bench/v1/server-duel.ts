import path from 'node:path';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { startSandbox } from '../../sandbox/index.js';
import { percentile, round } from '../lib/stats.js';
import { BIN, spawnStdio, type StdioServer } from '../lib/stdio-server.js';

/** Two servers' per-call latency behind one client: what the per-call ratio cannot separate from the client and the comparator. */
export interface ServerDuelResult {
  calls_each: number;
  other_ms: { p25: number; p50: number };
  this_ms: { p25: number; p50: number };
  /** This checkout's server p50 / the other server's p50, same client, same sandbox, same process. */
  ratio_p50: number;
}

/**
 * `get_server` through this checkout's server and through another checkout's (`otherRoot`, e.g. the v1 baseline), both over
 * stdio behind this checkout's MCP client, against one sandbox, in alternating blocks of 50 after 100 warm-up pairs. The
 * per-call figure divides each bench's MCP call by its own direct GET, so it moves with the bench's client and with how
 * fast its sandbox answers; here only the server differs.
 */
export async function serverDuel(otherRoot: string, blocks: number): Promise<ServerDuelResult> {
  const sandbox = await startSandbox({ servers: 5 });
  const spawn = (bin: string) =>
    spawnStdio(process.execPath, [bin], {
      env: { ALPACON_MCP_BASE_URL: sandbox.url, [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
      rc: { logLevel: 'warn' },
    });
  const servers: Record<'other' | 'this', StdioServer> = { other: await spawn(path.join(otherRoot, 'bin', 'alpacon-mcp.js')), this: await spawn(BIN) };
  try {
    const serverId = sandbox.world.servers.all()[0].id;
    const call = async (name: keyof typeof servers) => {
      const result = await servers[name].call('get_server', { workspace: sandbox.workspace, server_id: serverId });
      if (!result.ok) throw new Error(`${name} get_server failed: ${JSON.stringify(result.structured)}`);
    };
    for (let i = 0; i < 100; i++) {
      await call('other');
      await call('this');
    }
    const samples = { other: [] as number[], this: [] as number[] };
    for (let block = 0; block < blocks; block++) {
      for (const name of block % 2 === 0 ? (['this', 'other'] as const) : (['other', 'this'] as const)) {
        for (let i = 0; i < 50; i++) {
          const started = performance.now();
          await call(name);
          samples[name].push(performance.now() - started);
        }
      }
    }
    const at = (name: keyof typeof samples, p: number) => round(percentile(samples[name], p), 3);
    return {
      calls_each: samples.this.length,
      other_ms: { p25: at('other', 25), p50: at('other', 50) },
      this_ms: { p25: at('this', 25), p50: at('this', 50) },
      ratio_p50: round(percentile(samples.this, 50) / percentile(samples.other, 50), 3),
    };
  } finally {
    await Promise.allSettled(Object.values(servers).map((server) => server.close()));
    await sandbox.stop();
  }
}

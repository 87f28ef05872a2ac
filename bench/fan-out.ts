import { startSandbox } from '../sandbox/index.js';
import { inProcess } from './lib/in-process.js';
import { round, timed } from './lib/stats.js';

export interface FanOutPoint {
  servers: number;
  ms: number;
  /** Servers per outcome (completed, failed, error, ...). */
  counts: Record<string, number>;
}

export interface FanOutResult {
  concurrency: number;
  points: FanOutPoint[];
  /** time(largest) / time(1) next to largest / 1: how far from linear growth. */
  growth: { time_factor: number; server_factor: number };
}

interface FanOutData {
  total?: number;
  counts?: Record<string, number>;
}

/** execute_command_multi_server on 1, 50, 200 and 1,000 simulated servers (one sandbox, connected servers only). */
export async function fanOut(sizes: number[], concurrency = 100): Promise<FanOutResult> {
  const largest = Math.max(...sizes);
  const sandbox = await startSandbox({ servers: largest + 10, commandStepMs: 5 });
  const app = await inProcess({ plugins: ['command'] }, sandbox);
  try {
    const ids = sandbox.world.servers.all().filter((s) => s.is_connected).map((s) => s.id);
    if (ids.length < largest) throw new Error(`only ${ids.length} connected servers`);
    const points: FanOutPoint[] = [];
    for (const servers of sizes) {
      const { ms, value } = await timed(() =>
        app.client.callTool({
          name: 'execute_command_multi_server',
          arguments: { workspace: sandbox.workspace, server_ids: ids.slice(0, servers), command: 'uptime', concurrency },
        }),
      );
      const structured = value.structuredContent as { ok?: boolean; data?: FanOutData } | undefined;
      if (structured?.ok !== true) throw new Error(`fan-out to ${servers} failed: ${JSON.stringify(value.structuredContent).slice(0, 500)}`);
      points.push({ servers, ms: round(ms, 1), counts: structured.data?.counts ?? {} });
    }
    const first = points[0];
    const last = points[points.length - 1];
    return { concurrency, points, growth: { time_factor: round(last.ms / first.ms, 1), server_factor: last.servers / first.servers } };
  } finally {
    await app.close();
    await sandbox.stop();
  }
}

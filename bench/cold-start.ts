import path from 'node:path';
import type { Sandbox } from '../sandbox/index.js';
import { median, round } from './lib/stats.js';
import { BIN, ROOT, spawnStdio, type StdioServer } from './lib/stdio-server.js';
import { tokenEnvName } from '../core/auth/token-env.js';

export interface ColdStartResult {
  runs: number;
  /** Median ms from spawn to the first tools/list answer. */
  alpacon_ms: number;
  alpacon_tools: number;
  minimal_ms: number;
  /** alpacon / minimal; target ≤ 1.5. */
  ratio: number;
  target_met: boolean;
  samples: { alpacon: number[]; minimal: number[] };
}

async function firstToolsList(start: () => Promise<StdioServer>): Promise<{ ms: number; tools: number }> {
  const t0 = performance.now();
  const server = await start();
  const { tools } = await server.client.listTools();
  const ms = performance.now() - t0;
  await server.close();
  return { ms, tools: tools.length };
}

/** Process start → first tools/list answer: alpacon-mcp with every plugin versus a one-tool SDK server, alternating. */
export async function coldStart(sandbox: Sandbox, runs: number): Promise<ColdStartResult> {
  const env = { ALPACON_MCP_BASE_URL: sandbox.url, [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token };
  const alpacon = () => spawnStdio(process.execPath, [BIN], { env, rc: { plugins: ['all'], logLevel: 'warn' } });
  const minimal = () => spawnStdio(process.execPath, [path.join(ROOT, 'dist', 'bench', 'minimal-server.js')]);
  await firstToolsList(alpacon); // warm the file system cache for both
  await firstToolsList(minimal);
  const samples = { alpacon: [] as number[], minimal: [] as number[] };
  let tools = 0;
  for (let i = 0; i < runs; i++) {
    const a = await firstToolsList(alpacon);
    samples.alpacon.push(round(a.ms, 1));
    tools = a.tools;
    samples.minimal.push(round((await firstToolsList(minimal)).ms, 1));
  }
  const ratio = median(samples.alpacon) / median(samples.minimal);
  return {
    runs,
    alpacon_ms: median(samples.alpacon),
    alpacon_tools: tools,
    minimal_ms: median(samples.minimal),
    ratio: round(ratio),
    target_met: ratio <= 1.5,
    samples,
  };
}

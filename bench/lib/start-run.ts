import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { rssOf } from './rss.js';

/** Which plugins the started server enables: the default set, or every built-in plugin. */
export type PluginSet = 'default' | 'all';

export interface StartRun {
  /** ms from spawn to the first tools/list answer, measured by this process */
  ms: number;
  /** RSS of the server after the answer and a short settle (as bench/cold-start.ts measures it) */
  rssBytes: number | undefined;
  tools: number;
}

/** The same settle bench/cold-start.ts waits before reading RSS. */
const SETTLE_MS = 300;

/** A folder with the .alpaconrc of a plugin set (the server reads it from its working directory). */
export async function workFolder(set: PluginSet): Promise<string> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-start-'));
  await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify({ logLevel: 'warn', ...(set === 'all' ? { plugins: ['all'] } : {}) }));
  return cwd;
}

/**
 * Starts `node [nodeArgs] script` as an MCP client would (stdio, one configured workspace on loopback that no start-up
 * step calls), asks for tools/list with plain JSON-RPC lines, closes stdin and waits for the process to exit.
 */
export async function startOnce(script: string, options: { cwd: string; nodeArgs?: string[]; env?: Record<string, string> }): Promise<StartRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: options.cwd,
      ALPACON_MCP_BASE_URL: 'http://127.0.0.1:9',
      ALPACON_MCP_AP1_ACME_TOKEN: 'token-of-the-only-workspace',
      PEER_BASE_URL: 'http://127.0.0.1:9',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
  const lines = createInterface({ input: child.stdout });
  send({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'start-profile', version: '0.0.0' } },
  });
  let ms = Number.NaN;
  let tools = 0;
  for await (const line of lines) {
    const message = JSON.parse(line) as { id?: number; result?: { tools?: unknown[] }; error?: unknown };
    if (message.error !== undefined) throw new Error(`the server answered an error: ${JSON.stringify(message.error)}`);
    if (message.id === 1) {
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      send({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
    } else if (message.id === 2) {
      ms = performance.now() - started;
      tools = message.result?.tools?.length ?? 0;
      break;
    }
  }
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const rssBytes = await rssOf(child.pid);
  child.stdin.end();
  await exited;
  if (Number.isNaN(ms)) throw new Error(`${script} exited before answering tools/list`);
  return { ms, rssBytes, tools };
}

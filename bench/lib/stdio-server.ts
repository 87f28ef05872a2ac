import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { tokenEnvName } from '../../core/auth/token-env.js';

/** The project root (dist/bench/lib → ../../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'alpacon-mcp.js');

export interface StdioServer {
  client: Client;
  pid: number | null;
  call(name: string, args: Record<string, unknown>): Promise<{ ok: boolean; structured: unknown }>;
  close(): Promise<void>;
}

/** Spawns a command as an MCP server over stdio (loopback only: the environment points it at the local sandbox). */
export async function spawnStdio(command: string, args: string[], options: { env?: Record<string, string>; rc?: object } = {}): Promise<StdioServer> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-bench-'));
  if (options.rc) await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify(options.rc));
  const transport = new StdioClientTransport({
    command,
    args,
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...options.env },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'alpacon-bench', version: '0.0.0' });
  await client.connect(transport);
  return {
    client,
    pid: transport.pid,
    call: async (name, callArgs) => {
      const result = (await client.callTool({ name, arguments: callArgs })) as CallToolResult;
      const structured = result.structuredContent as { ok?: boolean } | undefined;
      return { ok: result.isError !== true && structured?.ok === true, structured };
    },
    close: () => client.close(),
  };
}

/** The real alpacon-mcp over stdio, pointed at a sandbox through the environment, as an MCP client would start it. */
export function spawnAlpacon(sandbox: { url: string; token: string; region: string; workspace: string }, rc?: object): Promise<StdioServer> {
  return spawnStdio(process.execPath, [BIN], {
    env: { ALPACON_MCP_BASE_URL: sandbox.url, [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
    rc: { logLevel: 'warn', ...rc },
  });
}

/** The peer (bench/peer-server.ts) over stdio, pointed at the same sandbox. */
export function spawnPeer(sandbox: { url: string; token: string }): Promise<StdioServer> {
  return spawnStdio(process.execPath, [path.join(ROOT, 'dist', 'bench', 'peer-server.js')], {
    env: { PEER_BASE_URL: sandbox.url, PEER_TOKEN: sandbox.token },
  });
}

/** v1's cold-start baseline (bench/minimal-server.ts): the SDK's McpServer with one tool, no network. */
export function spawnMinimal(): Promise<StdioServer> {
  return spawnStdio(process.execPath, [path.join(ROOT, 'dist', 'bench', 'minimal-server.js')]);
}

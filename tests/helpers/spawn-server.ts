import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toOutcome, type ToolOutcome } from './in-process.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(PROJECT_ROOT, 'bin', 'alpacon-mcp.js');

export interface SpawnedServer {
  client: Client;
  stderr: () => string;
  call(name: string, args?: Record<string, unknown>): Promise<ToolOutcome>;
  close(): Promise<void>;
}

/** Spawns the real `node bin/alpacon-mcp.js` and connects the SDK client over stdio. Needs `npm run build` first. */
export async function spawnServer(options: { args?: string[]; env?: Record<string, string>; cwd: string; /** Another installation's bin (default: this repository's). */ bin?: string }): Promise<SpawnedServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [options.bin ?? BIN, ...(options.args ?? [])],
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'alpacon-mcp-e2e', version: '0.0.0' });
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    call: async (name, args = {}) => toOutcome((await client.callTool({ name, arguments: args })) as CallToolResult),
    close: () => client.close(),
  };
}

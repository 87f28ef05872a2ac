import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toOutcome, type ToolOutcome } from './in-process.js';

export interface StdioMcpClient {
  client: Client;
  listTools(): Promise<string[]>;
  call(name: string, args?: Record<string, unknown>): Promise<ToolOutcome>;
  stderr(): string;
  close(): Promise<void>;
}

/** Starts any stdio server command (an installed binary, a bundle's launch line) and connects a 2025-era client to it. */
export async function spawnStdioClient(options: { command: string; args: string[]; cwd: string; env: Record<string, string> }): Promise<StdioMcpClient> {
  const transport = new StdioClientTransport({
    command: options.command,
    args: options.args,
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'alpacon-mcp-stdio-test', version: '0' });
  await client.connect(transport);
  return {
    client,
    listTools: async () => (await client.listTools()).tools.map((tool) => tool.name),
    call: async (name, args = {}) => toOutcome((await client.callTool({ name, arguments: args })) as CallToolResult),
    stderr: () => stderr,
    close: () => client.close(),
  };
}

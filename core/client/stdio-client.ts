import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/client';

export interface ToolCallOutcome {
  ok: boolean;
  data: unknown;
  summary?: string;
  error?: { code: string; message: string; hint?: string };
}

export interface StdioSession {
  listTools(): Promise<{ name: string; readOnly: boolean }[]>;
  call(name: string, args: Record<string, unknown>): Promise<ToolCallOutcome>;
  close(): Promise<void>;
}

/** Spawns an MCP server over stdio and connects an MCP client to it (used by the demo and the benchmarks). */
export async function connectStdio(command: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<StdioSession> {
  const transport = new StdioClientTransport({ command, args, env: options.env, cwd: options.cwd, stderr: 'inherit' });
  const client = new Client({ name: 'alpacon-mcp-demo', version: '1' });
  await client.connect(transport);
  return {
    listTools: async () => (await client.listTools()).tools.map((t) => ({ name: t.name, readOnly: t.annotations?.readOnlyHint === true })),
    call: async (name, callArgs) => {
      const result = (await client.callTool({ name, arguments: callArgs })) as CallToolResult;
      const structured = (result.structuredContent ?? {}) as { ok?: boolean; data?: unknown; error?: ToolCallOutcome['error'] };
      const first = result.content?.[0];
      const summary = result.content && result.content.length > 1 && first?.type === 'text' ? first.text : undefined;
      return { ok: !result.isError && structured.ok === true, data: structured.data, summary, error: structured.error };
    },
    close: () => client.close(),
  };
}

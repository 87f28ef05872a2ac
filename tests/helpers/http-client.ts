import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toOutcome, type ToolOutcome } from './in-process.js';

export interface HttpMcpClient {
  listTools(): Promise<string[]>;
  /** A call; `signal` aborts it (the client then stops waiting and the promise rejects with the signal's reason). */
  call(name: string, args?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<ToolOutcome>;
  close(): Promise<void>;
}

export interface HttpClientOptions {
  headers?: Record<string, string>;
  /** Replaces global fetch for every request of this client (to tag or observe requests). */
  fetch?: typeof fetch;
}

/** A 2025-era MCP client over Streamable HTTP (initialize first, then calls). */
export async function connectHttpClient(url: string, options: HttpClientOptions = {}): Promise<HttpMcpClient> {
  const client = new Client({ name: 'alpacon-mcp-http-test', version: '0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: options.headers ?? {} },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  await client.connect(transport);
  return {
    listTools: async () => (await client.listTools()).tools.map((tool) => tool.name),
    call: async (name, args = {}, options = {}) =>
      toOutcome((await client.callTool({ name, arguments: args }, undefined, { signal: options.signal })) as CallToolResult),
    close: () => client.close(),
  };
}

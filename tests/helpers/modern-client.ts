/**
 * 2026-07-28 ("modern era") connections through the SDK v2 client, over stdio (the real binary) and Streamable HTTP. The
 * 2025-era clients stay in spawn-server.ts and in-process.ts (SDK v1 client). Only these helpers import the v2 client,
 * so an SDK change touches few files.
 */
import { Client, StreamableHTTPClientTransport, type CallToolResult, type ClientOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { BIN } from './spawn-server.js';
import { toOutcome, type ToolOutcome } from './in-process.js';

export const MODERN_REVISION = '2026-07-28';

export interface ModernConnection {
  client: Client;
  /** The revision the client negotiated (always 2026-07-28 here: the connection is pinned to it). */
  revision(): string | undefined;
  call(
    name: string,
    args?: Record<string, unknown>,
    options?: { onprogress?: (progress: { progress: number; total?: number; message?: string }) => void; signal?: AbortSignal },
  ): Promise<ToolOutcome>;
  close(): Promise<void>;
}

export interface ModernOptions {
  /** Client options (e.g. capabilities: { elicitation: { form: {} } }); version negotiation is pinned to 2026-07-28. */
  client?: ClientOptions;
  /** Answers elicitation requests (those embedded in `input_required` results). */
  onElicit?: (message: string) => { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, string | number | boolean | string[]> };
}

function modernClient(options: ModernOptions): Client {
  const client = new Client(
    { name: 'alpacon-mcp-tests-2026', version: '0.0.0' },
    {
      ...options.client,
      capabilities: { ...(options.onElicit ? { elicitation: { form: {} } } : {}), ...options.client?.capabilities },
      versionNegotiation: { mode: { pin: MODERN_REVISION } },
    },
  );
  const onElicit = options.onElicit;
  if (onElicit) client.setRequestHandler('elicitation/create', async (request) => onElicit(request.params.message));
  return client;
}

function wrap(client: Client): ModernConnection {
  return {
    client,
    revision: () => client.getNegotiatedProtocolVersion(),
    call: async (name, args = {}, options = {}) =>
      // The v2 result has the v1 shape toOutcome reads (content, structuredContent, isError).
      toOutcome((await client.callTool({ name, arguments: args }, { onprogress: options.onprogress, signal: options.signal })) satisfies CallToolResult as Parameters<typeof toOutcome>[0]),
    close: () => client.close(),
  };
}

/** Spawns the real `node bin/alpacon-mcp.js` and connects a 2026-07-28 client over stdio. Needs `npm run build` first. */
export async function connectModernStdio(spawn: { args?: string[]; env?: Record<string, string>; cwd: string }, options: ModernOptions = {}): Promise<ModernConnection> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...(spawn.args ?? [])],
    cwd: spawn.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: spawn.cwd, ...spawn.env },
    stderr: 'pipe',
  });
  const client = modernClient(options);
  await client.connect(transport);
  return wrap(client);
}

/** Connects a 2026-07-28 client to a Streamable HTTP endpoint (`…/mcp`). */
export async function connectModernHttp(
  url: string,
  options: ModernOptions & { headers?: Record<string, string>; fetch?: typeof fetch } = {},
): Promise<ModernConnection> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: options.headers ?? {} },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const client = modernClient(options);
  await client.connect(transport);
  return wrap(client);
}

export interface RawReply {
  status: number;
  body: { id?: number; result?: Record<string, unknown>; error?: { code: number; message: string; data?: Record<string, unknown> } };
}

/** The per-request `_meta` envelope of a 2026-07-28 request. */
export function modernEnvelope(capabilities: Record<string, unknown> = {}, version = MODERN_REVISION): Record<string, unknown> {
  return {
    'io.modelcontextprotocol/protocolVersion': version,
    'io.modelcontextprotocol/clientInfo': { name: 'raw-2026', version: '0' },
    'io.modelcontextprotocol/clientCapabilities': capabilities,
  };
}

/**
 * One hand-built 2026-07-28 `tools/call` over Streamable HTTP with the required headers, for what the SDK client will not
 * send (forged or replayed request state). JSON responses only (calls that stream nothing).
 */
export async function rawModernCall(
  url: string,
  call: { id: number; name: string; arguments: Record<string, unknown>; requestState?: string; inputResponses?: Record<string, unknown> },
  options: { headers?: Record<string, string>; capabilities?: Record<string, unknown> } = {},
): Promise<RawReply> {
  const { id, requestState, inputResponses, ...params } = call;
  const body = {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { ...params, _meta: modernEnvelope(options.capabilities), ...(requestState !== undefined ? { requestState } : {}), ...(inputResponses ? { inputResponses } : {}) },
  };
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': MODERN_REVISION,
      'mcp-method': 'tools/call',
      'mcp-name': call.name,
      ...options.headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as RawReply['body'] };
}

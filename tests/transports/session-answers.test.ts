import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createApp } from '../../core/app/create-app.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { createLogger } from '../../core/logger.js';
import { startHttpServer, HTTP_DEFAULTS, type RunningHttpServer } from '../../core/transports/http/index.js';
import { BUILTIN_PLUGINS } from '../../plugins/builtin.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { tempProject } from '../helpers/temp-project.js';
import { cleanupsAfterEach } from '../helpers/cleanups.js';

/**
 * 2025-era Streamable HTTP sessions (core/transports/http/session-transport.ts): a POST is answered in plain JSON unless
 * something streams before the response, then as SSE from that message on; the session's refusals keep the SDK's wire.
 */
const TOKEN = 'session-answers-token';
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ workspace: 'acme', token: 'session-answers-acme-token' });
});
afterAll(async () => sandbox.stop());
const cleanups = cleanupsAfterEach();

async function serve(): Promise<RunningHttpServer> {
  const app = await createApp({
    builtins: BUILTIN_PLUGINS,
    cwd: await tempProject({ rc: { plugins: ['servers', 'command'] } }),
    env: { [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
    overrides: { baseUrl: sandbox.url, defaultWorkspace: sandbox.workspace },
    logger: createLogger({ level: 'silent' }),
  });
  const running = await startHttpServer(app, { ...HTTP_DEFAULTS, port: 0, serverToken: TOKEN });
  cleanups.push(() => running.close());
  return running;
}

const BASE_HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** A raw 2025-era session: initialize, then the initialized notification; every later request carries the session id. */
async function rawSession(url: string): Promise<{ id: string; request: (body: unknown, init?: { method?: string; headers?: Record<string, string>; signal?: AbortSignal }) => Promise<Response> }> {
  const init = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: BASE_HEADERS,
    body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } }),
  });
  expect(init.status).toBe(200);
  expect(init.headers.get('content-type')).toBe('application/json');
  expect(((await init.json()) as { result: { protocolVersion: string } }).result.protocolVersion).toBe('2025-11-25');
  const id = init.headers.get('mcp-session-id') ?? '';
  expect(id).not.toBe('');
  const request = (body: unknown, options: { method?: string; headers?: Record<string, string>; signal?: AbortSignal } = {}) =>
    fetch(`${url}/mcp`, {
      method: options.method ?? 'POST',
      headers: { ...BASE_HEADERS, 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25', ...options.headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  expect((await request({ jsonrpc: '2.0', method: 'notifications/initialized' })).status).toBe(202);
  return { id, request };
}

const connectedServers = () => sandbox.world.servers.all().filter((s) => s.is_connected).slice(0, 3).map((s) => s.id);

/** The `data:` payloads of an SSE body, in order. */
function sseMessages(text: string): { id?: number; method?: string; result?: unknown; params?: { progress?: number } }[] {
  return text
    .split('\n\n')
    .map((event) => event.split('\n').find((line) => line.startsWith('data: ')))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice('data: '.length)) as never);
}

describe('2025-era session answers', () => {
  it('answers a call in plain JSON when nothing streams, and a batch of two requests as a JSON array', async () => {
    const running = await serve();
    const session = await rawSession(running.url);
    const call = await session.request({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_servers', arguments: { page_size: 1 } } });
    expect(call.status).toBe(200);
    expect(call.headers.get('content-type')).toBe('application/json');
    expect(call.headers.get('mcp-session-id')).toBe(session.id);
    const answer = (await call.json()) as { id: number; result: { structuredContent: { ok: boolean } } };
    expect(answer).toMatchObject({ jsonrpc: '2.0', id: 1, result: { structuredContent: { ok: true } } });

    const batch = await session.request([
      { jsonrpc: '2.0', id: 'a', method: 'ping' },
      { jsonrpc: '2.0', id: 'b', method: 'tools/list' },
    ]);
    expect(batch.headers.get('content-type')).toBe('application/json');
    const answers = (await batch.json()) as { id: string; result: Record<string, unknown> }[];
    expect(answers.map((a) => a.id)).toEqual(['a', 'b']);
    expect(answers[1].result.tools).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'list_servers' })]));
  });

  it('streams a call that reports progress: SSE from the first progress on, the result last', async () => {
    const running = await serve();
    const session = await rawSession(running.url);
    const servers = connectedServers();
    const call = await session.request({
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'execute_command_multi_server', arguments: { server_ids: servers, command: 'uptime' }, _meta: { progressToken: 'p7' } },
    });
    expect(call.status).toBe(200);
    expect(call.headers.get('content-type')).toBe('text/event-stream');
    expect(call.headers.get('mcp-session-id')).toBe(session.id);
    const messages = sseMessages(await call.text());
    const progress = messages.filter((m) => m.method === 'notifications/progress');
    expect(progress.map((m) => m.params?.progress)).toEqual(servers.map((_, i) => i + 1));
    expect(messages.at(-1)).toMatchObject({ id: 7, result: { structuredContent: { ok: true } } });
  });

  it('an SDK client of the 2025 era gets progress and results through the same session', async () => {
    const running = await serve();
    const client = new Client({ name: 'legacy', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
    cleanups.push(() => client.close());
    const servers = connectedServers();
    const seen: number[] = [];
    const result = await client.callTool({ name: 'execute_command_multi_server', arguments: { server_ids: servers, command: 'uptime' } }, undefined, {
      onprogress: (p) => seen.push(p.progress),
    });
    expect(result.isError).toBeFalsy();
    expect(seen).toEqual(servers.map((_, i) => i + 1));
    const plain = await client.callTool({ name: 'list_servers', arguments: { page_size: 1 } });
    expect(plain.isError).toBeFalsy();
    expect(running.sessionCount()).toBe(1);
  });

  it('keeps the SDK session refusals: 406, 415, unsupported version, one GET stream, 405, and DELETE ends the session', async () => {
    const running = await serve();
    const session = await rawSession(running.url);
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    const refusal = async (response: Response) => ({ status: response.status, error: ((await response.json()) as { error: { code: number; message: string } }).error });

    expect(await refusal(await session.request(ping, { headers: { accept: 'application/json' } }))).toEqual({
      status: 406,
      error: { code: -32000, message: 'Not Acceptable: Client must accept both application/json and text/event-stream' },
    });
    expect(await refusal(await session.request(ping, { headers: { 'content-type': 'text/plain' } }))).toEqual({
      status: 415,
      error: { code: -32000, message: 'Unsupported Media Type: Content-Type must be application/json' },
    });
    const version = await refusal(await session.request(ping, { headers: { 'mcp-protocol-version': '1999-01-01' } }));
    expect(version.status).toBe(400);
    expect(version.error.message).toMatch(/^Bad Request: Unsupported protocol version: 1999-01-01 \(supported versions: .*2025-11-25/);
    expect((await refusal(await session.request({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '0' } } }))).error).toEqual({
      code: -32600,
      message: 'Invalid Request: Server already initialized',
    });
    expect(await refusal(await session.request(undefined, { method: 'GET', headers: { accept: 'application/json' } }))).toEqual({
      status: 406,
      error: { code: -32000, message: 'Not Acceptable: Client must accept text/event-stream' },
    });

    const controller = new AbortController();
    const stream = await session.request(undefined, { method: 'GET', headers: { accept: 'text/event-stream' }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(await refusal(await session.request(undefined, { method: 'GET', headers: { accept: 'text/event-stream' } }))).toEqual({
      status: 409,
      error: { code: -32000, message: 'Conflict: Only one SSE stream is allowed per session' },
    });
    controller.abort();

    const put = await session.request(ping, { method: 'PUT' });
    expect(put.headers.get('allow')).toBe('GET, POST, DELETE');
    expect(await refusal(put)).toEqual({ status: 405, error: { code: -32000, message: 'Method not allowed.' } });

    expect(running.sessionCount()).toBe(1);
    expect((await session.request(undefined, { method: 'DELETE' })).status).toBe(200);
    expect(running.sessionCount()).toBe(0);
    expect((await session.request(ping)).status).toBe(404);
  });

  it('a client that leaves in the middle of a call does not stop the session: the next call is answered', async () => {
    const running = await serve();
    const session = await rawSession(running.url);
    const controller = new AbortController();
    sandbox.faults.add({ kind: 'latency', ms: 300, pathPrefix: '/api/servers/servers/', count: 1 });
    const left = session.request({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_servers', arguments: { page_size: 1 } } }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(left).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const next = await session.request({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_servers', arguments: { page_size: 1 } } });
    expect(next.status).toBe(200);
    expect((await next.json()) as unknown).toMatchObject({ id: 2, result: { structuredContent: { ok: true } } });
  });
});

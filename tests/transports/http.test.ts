import http from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { createApp, type App } from '../../core/app/create-app.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { createLogger } from '../../core/logger.js';
import { startHttpServer, HTTP_DEFAULTS, type HttpServeOptions, type RunningHttpServer } from '../../core/transports/http/index.js';
import { ConfigError } from '../../core/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { probeBuiltins } from '../fixtures/probe-plugin.js';
import { toOutcome } from '../helpers/in-process.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { cleanupsAfterEach } from '../helpers/cleanups.js';

const SERVER_TOKEN = 'caller-bearer-token-xyz';
const cleanups = cleanupsAfterEach();

async function setup(overrides: Partial<HttpServeOptions> = {}, count = 1): Promise<{ sandbox: Sandbox; servers: RunningHttpServer[]; apps: App[] }> {
  const sandbox = await startSandbox({ commandStepMs: 5 });
  cleanups.push(() => sandbox.stop());
  const servers: RunningHttpServer[] = [];
  const apps: App[] = [];
  for (let i = 0; i < count; i += 1) {
    const app = await createApp({
      builtins: probeBuiltins,
      defaultPlugins: ['probe'],
      cwd: '/nonexistent-dir',
      env: { [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
      overrides: { baseUrl: sandbox.url, defaultWorkspace: sandbox.workspace },
      logger: createLogger({ level: 'silent' }),
    });
    const running = await startHttpServer(app, { ...HTTP_DEFAULTS, port: 0, serverToken: SERVER_TOKEN, ...overrides });
    cleanups.push(() => running.close());
    servers.push(running);
    apps.push(app);
  }
  return { sandbox, servers, apps };
}

const auth = { headers: { Authorization: `Bearer ${SERVER_TOKEN}` } };

async function streamableClient(url: string, headers: Record<string, string> = {}, fetchImpl?: typeof fetch): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers: { ...auth.headers, ...headers } }, fetch: fetchImpl }),
  );
  cleanups.push(() => client.close());
  return client;
}

function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; path?: string }): Promise<{ status: number; body: string }> {
  const target = new URL(init.path ?? '/mcp', url);
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: init.method ?? 'POST', headers: init.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
});
const jsonHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('Streamable HTTP transport', () => {
  it('lists and calls tools', async () => {
    const { servers, sandbox } = await setup();
    const client = await streamableClient(servers[0].url);
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['probe_create', 'probe_read', 'probe_run']);
    const result = toOutcome((await client.callTool({ name: 'probe_read', arguments: {} })) as CallToolResult);
    expect(result.ok).toBe(true);
    expect(sandbox.requests.filter({ path: '/api/iam/users/-/' })).toHaveLength(1);
    expect(servers[0].sessionCount()).toBe(1);
  });

  it('stateless mode serves requests spread across two servers', async () => {
    const { servers } = await setup({ stateless: true }, 2);
    let turn = 0;
    const ports = servers.map((s) => new URL(s.url).port);
    const roundRobin: typeof fetch = (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      url.port = ports[turn++ % 2];
      return fetch(url, init);
    };
    const client = await streamableClient(servers[0].url, {}, roundRobin);
    for (let i = 0; i < 4; i += 1) {
      const result = toOutcome((await client.callTool({ name: 'probe_create', arguments: {} })) as CallToolResult);
      expect(result.ok).toBe(true);
    }
    expect(turn).toBeGreaterThanOrEqual(6);
    expect(servers.map((s) => s.sessionCount())).toEqual([0, 0]);
  });

  it('refuses a foreign Origin and a foreign Host with 403', async () => {
    const { servers } = await setup();
    const origin = await raw(servers[0].url, { headers: { ...jsonHeaders, ...auth.headers, origin: 'https://evil.example' }, body: initialize });
    expect(origin.status).toBe(403);
    const host = await raw(servers[0].url, { headers: { ...jsonHeaders, ...auth.headers, host: 'evil.example' }, body: initialize });
    expect(host.status).toBe(403);
    const local = await raw(servers[0].url, { headers: { ...jsonHeaders, ...auth.headers, origin: 'http://localhost:3000' }, body: initialize });
    expect(local.status).toBe(200);
  });

  it('refuses a missing or wrong bearer with 401 before any tool runs', async () => {
    const { servers, sandbox } = await setup();
    sandbox.requests.clear();
    expect((await raw(servers[0].url, { headers: jsonHeaders, body: initialize })).status).toBe(401);
    expect((await raw(servers[0].url, { headers: { ...jsonHeaders, authorization: 'Bearer nope' }, body: initialize })).status).toBe(401);
    await expect(streamableClient(servers[0].url, { Authorization: 'Bearer wrong' })).rejects.toThrow();
    expect(sandbox.requests.all()).toHaveLength(0);
  });

  it('refuses an oversized body with 413', async () => {
    const { servers } = await setup({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(4096) } });
    expect((await raw(servers[0].url, { headers: { ...jsonHeaders, ...auth.headers }, body: big })).status).toBe(413);
  });

  it('reads a streamed body to its end: malformed JSON is a 400, one over the limit is cut off, and the server goes on', async () => {
    const { servers } = await setup({ maxBodyBytes: 1024 });
    const streamed = (body: string[]) =>
      new Promise<number | string>((resolve) => {
        const req = http.request(new URL('/mcp', servers[0].url), { method: 'POST', headers: { ...jsonHeaders, ...auth.headers, 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        for (const part of body) req.write(part);
        req.end();
      });
    expect(await streamed(['{"jsonrpc": "2.0", ', '"id": 1, "method":'])).toBe(400);
    // Over the limit the rest is not read: the request is refused (413) or, if the client is still sending, cut off.
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(await streamed(['{"pad": "', 'x'.repeat(800), 'x'.repeat(800), '"}']));
    expect((await raw(servers[0].url, { path: '/healthz', method: 'GET' })).status).toBe(200);
  });

  it('rate-limits a client with 429 and Retry-After', async () => {
    const { servers } = await setup({ rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await raw(servers[0].url, { headers: { ...jsonHeaders, ...auth.headers }, body: initialize })).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it('reaps idle sessions; the next call on a reaped session fails', async () => {
    const { servers } = await setup({ sessionIdleMs: 100 });
    const client = await streamableClient(servers[0].url);
    expect(servers[0].sessionCount()).toBe(1);
    await new Promise((r) => setTimeout(r, 250));
    await servers[0].reapIdleSessions();
    expect(servers[0].sessionCount()).toBe(0);
    await expect(client.listTools()).rejects.toThrow();
  });

  it('narrows, never widens, the tool list from request headers', async () => {
    const { servers } = await setup();
    const readOnly = await streamableClient(servers[0].url, { 'X-Alpacon-Read-Only': 'true' });
    expect((await readOnly.listTools()).tools.map((t) => t.name)).toEqual(['probe_read']);
    const refused = toOutcome((await readOnly.callTool({ name: 'probe_run', arguments: {} })) as CallToolResult);
    expect(refused.error?.code).toBe('invalid_input');
    const picked = await streamableClient(servers[0].url, { 'X-Alpacon-Tools': 'probe_create,list_servers' });
    expect((await picked.listTools()).tools.map((t) => t.name)).toEqual(['probe_create']);
  });

  it('graceful close lets an in-flight call finish', async () => {
    const { servers, sandbox } = await setup();
    const client = await streamableClient(servers[0].url);
    sandbox.faults.add({ kind: 'latency', ms: 400, pathPrefix: '/api/iam/users/-/', count: 1 });
    const pending = client.callTool({ name: 'probe_read', arguments: {} });
    await new Promise((r) => setTimeout(r, 100));
    const closing = servers[0].close();
    const result = toOutcome((await pending) as CallToolResult);
    await closing;
    expect(result.ok).toBe(true);
  });

  it('refuses to listen on a non-loopback address without caller authentication', async () => {
    const { apps } = await setup();
    await expect(startHttpServer(apps[0], { ...HTTP_DEFAULTS, host: '0.0.0.0', port: 0 })).rejects.toThrow(ConfigError);
  });

  it('answers /healthz and /readyz without secrets', async () => {
    const { servers } = await setup();
    const health = await raw(servers[0].url, { method: 'GET', path: '/healthz' });
    expect(health).toEqual({ status: 200, body: '{"status":"ok"}' });
    const ready = await raw(servers[0].url, { method: 'GET', path: '/readyz' });
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready', tools: 3 });
  });
});

describe('legacy SSE transport', () => {
  it('lists and calls tools behind the same bearer check', async () => {
    const { servers } = await setup();
    const client = new Client({ name: 'sse-test', version: '0' });
    const transport = new SSEClientTransport(new URL(`${servers[0].url}/sse`), {
      requestInit: auth,
      eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...auth.headers } }) },
    });
    await client.connect(transport);
    cleanups.push(() => client.close());
    expect((await client.listTools()).tools).toHaveLength(3);
    const result = toOutcome((await client.callTool({ name: 'probe_create', arguments: {} })) as CallToolResult);
    expect(result.ok).toBe(true);
    const unauth = new Client({ name: 'sse-unauth', version: '0' });
    await expect(unauth.connect(new SSEClientTransport(new URL(`${servers[0].url}/sse`)))).rejects.toThrow();
  });
});

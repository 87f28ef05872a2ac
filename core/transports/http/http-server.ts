import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyInboundRequest, createMcpHandler, isInitializeRequest, type McpRequestContext } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { SSEServerTransport } from '@modelcontextprotocol/server-legacy/sse';
import type { App } from '../../app/create-app.js';
import { redactSecrets } from '../../security/secrets.js';
import { httpCaller } from './caller.js';
import { narrowingFrom, type HeaderLookup } from './narrowing.js';
import { checkExposure, type HttpServeOptions } from './options.js';
import { checkBearer, checkHostAndOrigin, RateLimiter, readJsonBody, type Refusal } from './request-guards.js';
import { SessionTable } from './sessions.js';
import { SessionTransport } from './session-transport.js';

export interface RunningHttpServer {
  url: string;
  port: number;
  /** Live Streamable HTTP and SSE sessions. */
  sessionCount(): number;
  reapIdleSessions(): Promise<number>;
  /** Stops accepting, lets in-flight calls finish (up to the grace period), then closes sessions and the app. */
  close(): Promise<void>;
}

/**
 * Streamable HTTP at /mcp, legacy SSE at /sse + /messages (deprecated), /healthz and /readyz; secure by default.
 * /mcp serves both protocol eras: 2026-07-28 requests (per-request `_meta` envelope, no sessions) through the SDK's
 * per-request handler, 2025-era clients through sessions (SessionTransport, served from Node's request and response) or,
 * with --stateless, per request from the same handler.
 */
export async function startHttpServer(app: App, options: HttpServeOptions): Promise<RunningHttpServer> {
  checkExposure(options);
  const log = app.log.child('http');
  const sessions = new SessionTable(options.sessionIdleMs);
  const limiter = new RateLimiter(options.rateLimitPerMinute);
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  let port = options.port;
  const nodeHeaders = (req: IncomingMessage): HeaderLookup => (name) => req.headers[name];
  const factory = (ctx: McpRequestContext) => {
    const headers: HeaderLookup = (name) => ctx.requestInfo?.headers.get(name);
    return app.createServer({ visible: narrowingFrom(headers), caller: httpCaller(headers) });
  };
  // Modern requests always go here; under --stateless, 2025-era requests too (answered per request, no sessions).
  const perRequest = createMcpHandler(factory, {
    legacy: options.stateless ? 'stateless' : 'reject',
    maxRequestBodySize: options.maxBodyBytes,
    onerror: (error) => log.debug('MCP request refused or failed', { error: redactSecrets(error.message) }),
  });
  const servePerRequest = toNodeHandler(perRequest, { maxRequestBodySize: options.maxBodyBytes });

  const refuse = (res: ServerResponse, refusal: Refusal, headers: Record<string, string> = {}) => {
    if (res.headersSent) return;
    res.writeHead(refusal.status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: refusal.message, data: { code: refusal.code } }, id: null }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Nearly every request is exactly /mcp: no URL object for those.
    const url = req.url === '/mcp' ? MCP_PATH : new URL(req.url ?? '/', 'http://localhost');
    const hostProblem = checkHostAndOrigin(req, options, port);
    if (hostProblem) return refuse(res, hostProblem);
    if (req.method === 'GET' && url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
    if (req.method === 'GET' && url.pathname === '/readyz') {
      return json(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ready', tools: app.registry.list().length });
    }
    const authProblem = checkBearer(req, options.serverToken);
    if (authProblem) return refuse(res, authProblem, { 'www-authenticate': 'Bearer' });
    const wait = limiter.take(req.socket.remoteAddress ?? 'unknown');
    if (wait > 0) return refuse(res, { status: 429, code: 'rate_limited', message: 'Too many requests.' }, { 'retry-after': String(wait) });
    if (draining) return refuse(res, { status: 503, code: 'shutting_down', message: 'Server is shutting down.' });

    if (url.pathname === '/mcp') return options.stateless ? handleStateless(req, res) : handleStateful(req, res);
    if (url.pathname === '/sse' && req.method === 'GET') return openSse(req, res);
    if (url.pathname === '/messages' && req.method === 'POST') return postSse(req, res, url.searchParams.get('sessionId') ?? '');
    return refuse(res, { status: 404, code: 'not_found', message: 'Not found.' });
  };

  const body = async (req: IncomingMessage, res: ServerResponse): Promise<{ ok: boolean; body?: unknown }> => {
    if (req.method !== 'POST') return { ok: true };
    const read = await readJsonBody(req, options.maxBodyBytes);
    if (!read.ok) {
      refuse(res, read.refusal);
      return { ok: false };
    }
    return { ok: true, body: read.body };
  };

  const handleStateless = async (req: IncomingMessage, res: ServerResponse) => {
    const parsed = await body(req, res);
    if (!parsed.ok) return;
    await servePerRequest(req, res, parsed.body);
  };

  const handleStateful = async (req: IncomingMessage, res: ServerResponse) => {
    const parsed = await body(req, res);
    if (!parsed.ok) return;
    const id = req.headers['mcp-session-id'];
    if (typeof id === 'string') {
      const transport = sessions.touch(id);
      if (!transport) return refuse(res, { status: 404, code: 'session_not_found', message: 'Unknown or expired session; initialize again.' });
      return (transport as SessionTransport).handleRequest(req, res, parsed.body);
    }
    // No session: a 2026-07-28 request (or a GET/DELETE, which that revision answers with 405), else a 2025 initialize.
    if (req.method !== 'POST' || !isLegacyPost(req, parsed.body)) {
      return servePerRequest(req, res, parsed.body);
    }
    if (!isInitializeRequest(parsed.body)) {
      return refuse(res, { status: 400, code: 'session_required', message: 'Send initialize first, then the Mcp-Session-Id header.' });
    }
    const server = app.createServer({ visible: narrowingFrom(nodeHeaders(req)) });
    const transport: SessionTransport = new SessionTransport({
      sessionId: () => randomUUID(),
      onSessionInitialized: (sessionId) => sessions.add(sessionId, transport, server),
      onSessionClosed: (sessionId) => sessions.forget(sessionId),
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, parsed.body);
  };

  const openSse = async (req: IncomingMessage, res: ServerResponse) => {
    const server = app.createServer({ visible: narrowingFrom(nodeHeaders(req)) });
    const transport = new SSEServerTransport('/messages', res);
    sessions.add(transport.sessionId, transport, server);
    res.on('close', () => void sessions.end(transport.sessionId));
    await server.connect(transport);
  };

  const postSse = async (req: IncomingMessage, res: ServerResponse, sessionId: string) => {
    const transport = sessions.touch(sessionId);
    if (!(transport instanceof SSEServerTransport)) return refuse(res, { status: 404, code: 'session_not_found', message: 'Unknown SSE session.' });
    const parsed = await body(req, res);
    if (!parsed.ok) return;
    await transport.handlePostMessage(req, res, parsed.body);
  };

  const server = http.createServer((req, res) => {
    const counts = req.method === 'POST';
    if (counts) inFlight += 1;
    res.on('close', () => {
      if (!counts) return;
      inFlight -= 1;
      if (draining && inFlight === 0) drained?.();
    });
    handle(req, res).catch((error: unknown) => {
      log.error('request failed', { error: redactSecrets(error instanceof Error ? error.message : String(error)) });
      refuse(res, { status: 500, code: 'internal_error', message: 'Internal error.' });
    });
  });
  server.headersTimeout = options.headersTimeoutMs;
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  log.info(`listening on ${url} (${options.stateless ? 'stateless' : 'stateful'}; /mcp, /sse, /healthz, /readyz)`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    sessionCount: () => sessions.size,
    reapIdleSessions: () => sessions.reap(),
    close: () =>
      (closing ??= (async () => {
        draining = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        if (inFlight > 0) {
          await Promise.race([
            new Promise<void>((resolve) => (drained = resolve)),
            new Promise<void>((resolve) => setTimeout(resolve, options.shutdownGraceMs).unref()),
          ]);
        }
        await sessions.closeAll();
        await perRequest.close();
        server.closeAllConnections();
        await stopped;
        await app.close();
      })()),
  };
}

/**
 * The SDK's isLegacyRequest for a POST whose body is already parsed, without building a web Request: the same
 * classification (classifyInboundRequest over the method, the three standard headers and the body); no JSON body is 2025-era.
 */
function isLegacyPost(req: IncomingMessage, body: unknown): boolean {
  if (body === undefined) return true;
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const route = classifyInboundRequest({
    httpMethod: 'POST',
    protocolVersionHeader: header('mcp-protocol-version'),
    mcpMethodHeader: header('mcp-method'),
    mcpNameHeader: header('mcp-name'),
    body,
  });
  return route.kind === 'legacy';
}

const MCP_PATH = { pathname: '/mcp', searchParams: new URLSearchParams() } as const;

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

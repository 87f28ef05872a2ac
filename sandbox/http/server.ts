import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AccessControl } from './access-control.js';
import { authenticate, type JwtIssuer } from './auth.js';
import { readJsonBody } from './body.js';
import { ApiError, methodNotAllowed } from './errors.js';
import type { FaultController } from './faults.js';
import { queryObject, redactHeaders, type LoggedRequest, type RequestLog } from './request-log.js';
import type { SandboxRouter } from './router.js';
import type { Reply, SandboxRequest } from './types.js';
import type { World } from '../world/world.js';
import type { SandboxGeneration } from '../generation.js';
import type { LatencyProfile } from '../latency.js';

export interface HttpDeps {
  generation: SandboxGeneration;
  router: SandboxRouter;
  world: World;
  faults: FaultController;
  requests: RequestLog;
  access: AccessControl;
  jwt: JwtIssuer;
  latency: LatencyProfile;
}

/** Latency timers still pending; cleared when the client goes away or the sandbox stops, so nothing outlives stop(). */
const pendingDelays = new WeakMap<HttpDeps, Set<() => void>>();

function delay(deps: HttpDeps, req: IncomingMessage, ms: number): Promise<boolean> {
  const pending = pendingDelays.get(deps) ?? new Set<() => void>();
  pendingDelays.set(deps, pending);
  return new Promise<boolean>((resolve) => {
    const finish = (completed: boolean) => {
      clearTimeout(timer);
      pending.delete(cancel);
      req.socket.off('close', cancel);
      resolve(completed);
    };
    const cancel = () => finish(false);
    const timer = setTimeout(() => finish(true), ms);
    timer.unref();
    pending.add(cancel);
    req.socket.once('close', cancel);
  });
}

/** Cancels every pending latency timer (on stop). */
export function cancelDelays(deps: HttpDeps): void {
  for (const cancel of [...(pendingDelays.get(deps) ?? [])]) cancel();
}

export function sendJson(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Reads a JSON body for the request log only (faulted requests); anything else is drained unread. */
async function bodyForLog(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('json')) {
    req.resume();
    return undefined;
  }
  return readJsonBody(req).catch(() => undefined);
}

async function applyFault(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): Promise<boolean> {
  const decision = deps.faults.decide(entry.method, entry.path);
  // A request whose client left during the delay is not answered.
  if (decision.latencyMs > 0 && !(await delay(deps, req, decision.latencyMs))) return true;
  const action = decision.action;
  if (action.kind === 'none') return false;
  if (action.kind === 'reset') {
    req.socket.destroy();
    return true;
  }
  // Log the body even though the fault answers: tests prove which resource a failed submission was for.
  entry.body = await bodyForLog(req);
  if (action.kind === 'timeout') return true; // never answer
  if (action.kind === 'rate429') {
    sendJson(res, {
      status: 429, headers: { 'Retry-After': String(action.retryAfter) },
      body: { detail: `Request was throttled. Expected available in ${action.retryAfter} seconds.` },
    });
  } else {
    sendJson(res, { status: action.status, body: { detail: 'Service temporarily unavailable, try again later.' } });
  }
  return true;
}

async function dispatch(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest, url: URL): Promise<void> {
  const method = entry.method;
  // A client that left during the simulated round trip is not answered.
  if (deps.latency.restMs > 0 && !(await delay(deps, req, deps.latency.restMs))) return;
  if (deps.faults.active && (await applyFault(deps, req, res, entry))) return;
  const lookup = deps.router.lookup(method, url.pathname);
  if (lookup.kind === 'none') {
    // Django answers a URL no route knows with its HTML page (DEBUG off); the 2024 server has no catch-all JSON 404.
    if (deps.generation === '2024') return sendDjangoNotFound(res);
    throw new ApiError(404, { detail: 'Not found.' });
  }
  if (lookup.kind === 'method-not-allowed') {
    const error = methodNotAllowed(method);
    throw new ApiError(error.status, error.body, { Allow: lookup.allowed.join(', ') });
  }
  const { handler, params, options } = lookup.match;
  const request: SandboxRequest = { method, path: url.pathname, params, query: url.searchParams, headers: req.headers, body: undefined, raw: req };
  if (options.auth) {
    request.principal = authenticate(req.headers, deps.world, deps.jwt, Date.now(), deps.generation);
    entry.tokenId = request.principal.tokenId;
    if (!options.mfaExempt) deps.access.checkMfa();
  }
  if (!options.rawBody) {
    request.body = await readJsonBody(req);
    entry.body = request.body;
  }
  const reply = await handler(request, res);
  if (reply !== 'handled') sendJson(res, reply);
}

const DJANGO_NOT_FOUND =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

function sendDjangoNotFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(DJANGO_NOT_FOUND)) });
  res.end(DJANGO_NOT_FOUND);
}

/** The sandbox's HTTP server: faults → routing → auth → body → handler, every request logged. */
export function createSandboxServer(deps: HttpDeps): { server: Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const entry: LoggedRequest = {
      method: (req.method ?? 'GET').toUpperCase(), path: url.pathname, query: queryObject(url.searchParams),
      body: undefined, headers: redactHeaders(req.headers), status: 0, time: Date.now(),
    };
    deps.requests.record(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    dispatch(deps, req, res, entry, url).catch((error: unknown) => {
      if (error instanceof ApiError) {
        if (!req.complete) req.resume();
        sendJson(res, { status: error.status, body: error.body, headers: error.headers });
        return;
      }
      process.stderr.write(`[sandbox] ${entry.method} ${entry.path} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      sendJson(res, { status: 500, body: { detail: 'A server error occurred.' } });
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://sandbox.local').pathname;
    const handler = deps.router.upgradeHandler(path);
    if (handler === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (deps.latency.wsHandshakeMs <= 0) {
      handler(req, socket, head);
      return;
    }
    void delay(deps, req, deps.latency.wsHandshakeMs).then((completed) => {
      if (completed) handler(req, socket, head);
    });
  });
  return { server, sockets };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  isInitializeRequest,
  isJsonContentType,
  parseJSONRPCMessage,
  SUPPORTED_PROTOCOL_VERSIONS,
  type JSONRPCMessage,
  type Transport,
  type TransportSendOptions,
} from '@modelcontextprotocol/server';

type RequestId = string | number;

/** The answer to one POST that carried requests: JSON when nothing streams before the responses, else an SSE stream. */
interface PostExchange {
  res: ServerResponse;
  ids: RequestId[];
  responses: Map<RequestId, JSONRPCMessage>;
  streaming: boolean;
  keepAlive?: NodeJS.Timeout;
  gone: boolean;
}

export interface SessionTransportOptions {
  sessionId: () => string;
  onSessionInitialized?: (sessionId: string) => void;
  onSessionClosed?: (sessionId: string) => void;
  /** Interval of `: keepalive` comments on open SSE streams. */
  keepAliveMs?: number;
}

const MAX_BATCH_SIZE = 100;
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' };

/**
 * One 2025-era Streamable HTTP session, served from Node's request and response objects (no web Request/Response, no web
 * streams). The wire is the SDK session transport's (same statuses, error codes and messages), with one difference the
 * specification leaves to the server: a POST's answer is plain JSON unless something has to stream before the response
 * (progress, a log message, an elicitation), in which case it becomes an SSE stream at that first message — the SDK's
 * "auto" response mode of 2026-07-28 serving, applied to sessions. No resumability (no event store), as before.
 */
export class SessionTransport implements Transport {
  sessionId: string | undefined;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];

  private supportedVersions: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS;
  private started = false;
  private initialized = false;
  private closed = false;
  private readonly exchanges = new Map<RequestId, PostExchange>();
  private standalone: { res: ServerResponse; keepAlive?: NodeJS.Timeout } | undefined;
  private readonly keepAliveMs: number;

  constructor(private readonly options: SessionTransportOptions) {
    this.keepAliveMs = options.keepAliveMs ?? 15_000;
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('Transport already started');
    this.started = true;
  }

  setSupportedProtocolVersions(versions: string[]): void {
    this.supportedVersions = versions;
  }

  /** Serves one HTTP request of this session; `body` is the parsed JSON body of a POST. */
  async handleRequest(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    if (this.closed) return this.fail(res, 404, -32001, 'Session not found');
    switch (req.method) {
      case 'POST':
        return this.post(req, res, body);
      case 'GET':
        return this.get(req, res);
      case 'DELETE':
        return this.delete(req, res);
      default:
        return this.refuse(res, 405, -32000, 'Method not allowed.', { allow: 'GET, POST, DELETE' });
    }
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const response = isResponse(message);
    const requestId = response ? (message as { id: RequestId }).id : options?.relatedRequestId;
    if (requestId === undefined) {
      if (response) throw new Error('Cannot send a response on a standalone SSE stream unless resuming a previous client request');
      if (this.standalone) writeEvent(this.standalone.res, message);
      return;
    }
    const exchange = this.exchanges.get(requestId);
    if (!exchange) throw new Error(`No connection established for request ID: ${String(requestId)}`);
    if (!response) {
      if (exchange.gone) return;
      if (!exchange.streaming) this.startStreaming(exchange);
      writeEvent(exchange.res, message);
      return;
    }
    exchange.responses.set(requestId, message);
    if (exchange.streaming && !exchange.gone) writeEvent(exchange.res, message);
    if (exchange.responses.size < exchange.ids.length) return;
    for (const id of exchange.ids) this.exchanges.delete(id);
    if (exchange.gone) {
      this.onerror?.(new Error(`Response for request ID ${String(requestId)} is undeliverable: per-request stream is disconnected and no eventStore is configured`));
      return;
    }
    if (exchange.streaming) return this.finish(exchange);
    const answers = exchange.ids.map((id) => exchange.responses.get(id));
    const text = JSON.stringify(answers.length === 1 ? answers[0] : answers);
    exchange.gone = true;
    exchange.res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...this.sessionHeader() });
    exchange.res.end(text);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const exchange of new Set(this.exchanges.values())) this.finish(exchange);
    this.exchanges.clear();
    if (this.standalone) {
      clearInterval(this.standalone.keepAlive);
      this.standalone.res.end();
      this.standalone = undefined;
    }
    this.onclose?.();
  }

  private async post(req: IncomingMessage, res: ServerResponse, raw: unknown): Promise<void> {
    const accept = req.headers.accept;
    if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) {
      return this.refuse(res, 406, -32000, 'Not Acceptable: Client must accept both application/json and text/event-stream');
    }
    if (!isJsonContentType(req.headers['content-type'] ?? null)) {
      return this.refuse(res, 415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
    }
    if (raw === undefined) return this.refuse(res, 400, -32700, 'Parse error: Invalid JSON');
    if (Array.isArray(raw) && raw.length > MAX_BATCH_SIZE) {
      return this.refuse(res, 400, -32600, `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`);
    }
    let messages: JSONRPCMessage[];
    try {
      messages = Array.isArray(raw) ? raw.map((m) => parseJSONRPCMessage(m)) : [parseJSONRPCMessage(raw)];
    } catch (error) {
      this.onerror?.(error as Error);
      return this.fail(res, 400, -32700, 'Parse error: Invalid JSON-RPC message');
    }
    const initializing = messages.some((m) => (m as { method?: unknown }).method === 'initialize' && isInitializeRequest(m));
    if (initializing) {
      if (this.initialized && this.sessionId !== undefined) return this.refuse(res, 400, -32600, 'Invalid Request: Server already initialized');
      if (messages.length > 1) return this.refuse(res, 400, -32600, 'Invalid Request: Only one initialization request is allowed');
      this.sessionId = this.options.sessionId();
      this.initialized = true;
      this.options.onSessionInitialized?.(this.sessionId);
    } else if (!this.validSession(req, res) || !this.validProtocolVersion(req, res)) {
      return;
    }
    if (this.closed) return this.fail(res, 404, -32001, 'Session not found');

    const requests = messages.filter(isRequest);
    if (requests.length === 0) {
      for (const message of messages) this.onmessage?.(message);
      res.writeHead(202).end();
      return;
    }
    const exchange: PostExchange = { res, ids: requests.map((r) => r.id), responses: new Map(), streaming: false, gone: false };
    for (const id of exchange.ids) this.exchanges.set(id, exchange);
    res.on('close', () => {
      if (exchange.gone) return;
      exchange.gone = true;
      clearInterval(exchange.keepAlive);
    });
    for (const message of messages) this.onmessage?.(message);
  }

  private get(req: IncomingMessage, res: ServerResponse): void {
    if (!req.headers.accept?.includes('text/event-stream')) {
      return this.refuse(res, 406, -32000, 'Not Acceptable: Client must accept text/event-stream');
    }
    if (!this.validSession(req, res) || !this.validProtocolVersion(req, res)) return;
    if (this.standalone) return this.refuse(res, 409, -32000, 'Conflict: Only one SSE stream is allowed per session');
    this.writeSseHead(res);
    res.flushHeaders();
    const stream: { res: ServerResponse; keepAlive?: NodeJS.Timeout } = { res, keepAlive: this.keepAlive(res) };
    this.standalone = stream;
    res.on('close', () => {
      clearInterval(stream.keepAlive);
      if (this.standalone === stream) this.standalone = undefined;
    });
  }

  private async delete(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.validSession(req, res) || !this.validProtocolVersion(req, res)) return;
    try {
      if (this.sessionId !== undefined) this.options.onSessionClosed?.(this.sessionId);
      res.writeHead(200).end();
    } finally {
      await this.close();
    }
  }

  private validSession(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.initialized) return (this.refuse(res, 400, -32000, 'Bad Request: Server not initialized'), false);
    const id = req.headers['mcp-session-id'];
    if (!id) return (this.refuse(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required'), false);
    if (id !== this.sessionId) return (this.refuse(res, 404, -32001, 'Session not found'), false);
    return true;
  }

  private validProtocolVersion(req: IncomingMessage, res: ServerResponse): boolean {
    const version = req.headers['mcp-protocol-version'];
    if (version === undefined || this.supportedVersions.includes(version as string)) return true;
    const message = `Bad Request: Unsupported protocol version: ${String(version)} (supported versions: ${this.supportedVersions.join(', ')})`;
    this.refuse(res, 400, -32000, message);
    return false;
  }

  private startStreaming(exchange: PostExchange): void {
    exchange.streaming = true;
    this.writeSseHead(exchange.res);
    exchange.keepAlive = this.keepAlive(exchange.res);
  }

  private finish(exchange: PostExchange): void {
    clearInterval(exchange.keepAlive);
    if (exchange.gone) return;
    exchange.gone = true;
    if (!exchange.res.headersSent) this.writeSseHead(exchange.res);
    exchange.res.end();
  }

  private keepAlive(res: ServerResponse): NodeJS.Timeout | undefined {
    if (!Number.isFinite(this.keepAliveMs) || this.keepAliveMs < 1) return undefined;
    const timer = setInterval(() => res.write(': keepalive\n\n'), this.keepAliveMs);
    timer.unref();
    return timer;
  }

  private writeSseHead(res: ServerResponse): void {
    res.writeHead(200, { ...SSE_HEADERS, ...this.sessionHeader() });
  }

  private sessionHeader(): Record<string, string> {
    return this.sessionId === undefined ? {} : { 'mcp-session-id': this.sessionId };
  }

  /** A refusal the SDK also reports through onerror. */
  private refuse(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
    this.onerror?.(new Error(message));
    this.fail(res, status, code, message, headers);
  }

  private fail(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
    if (res.headersSent) return;
    const text = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }
}

function isResponse(message: JSONRPCMessage): boolean {
  return 'id' in message && ('result' in message || 'error' in message);
}

function isRequest(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId; method: string } {
  return 'method' in message && 'id' in message;
}

function writeEvent(res: ServerResponse, message: JSONRPCMessage): void {
  res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
}

import http from 'node:http';
import https from 'node:https';
import type { CancelableRequest, Got, Method, Options, OptionsInit, Response } from 'got';
import { gotErrors, gotOptions, lazyGot } from './lazy-got.js';
import { whenAborted } from '../time/abort-watch.js';
import { AlpaconMcpError, CancelledError, ErrorCode, isAlpaconMcpError } from '../errors/index.js';
import { callSignal } from './call-scope.js';
import type { Logger } from '../logger.js';
import { authorizationHeader } from '../auth/credential.js';
import { loginRequired } from '../auth/login-credential.js';
import type { TokenStore } from '../auth/token-store.js';
import { CORE_VERSION } from '../version.js';
import { apiError, type ResourceRef } from './api-errors.js';
import { routeMissing } from './route-missing.js';
import { unknownFilterValue } from './unknown-filter.js';
import { parseJson, toSearchParams } from './wire-format.js';
import { resolveBaseUrl } from './base-url.js';
import { CircuitBreakers } from './circuit-breaker.js';
import { MAX_PAGE_SIZE, normalizePage, type Page } from './pagination.js';
import type { AlpaconTarget } from './target.js';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export interface CallOptions {
  query?: Query;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Names what the path addresses, so a 404 says which id was not found. */
  resource?: ResourceRef;
}

export interface AlpaconClientOptions {
  baseUrl?: string;
  timeoutMs: number;
  retries: number;
  /** First retry delay; doubles each attempt (default 250 ms). */
  retryBaseMs: number;
}

export interface Collected<T> {
  items: T[];
  count: number;
  truncated: boolean;
}

export const USER_AGENT = `alpacon-mcp/${CORE_VERSION}`;

/** Credentials with defaults of their own; the oldest is dropped past this (a rotated token's go too). */
const CREDENTIAL_INSTANCES = 16;

/** The got instance and the options every request with one credential starts from. */
interface Sender {
  got: Got;
  defaults: Options;
}

/** The one HTTP client for Alpacon: base URL, auth header, timeouts, safe retries, circuit breaker, typed errors. */
export class AlpaconClient {
  private readonly got: () => Promise<Got>;
  /**
   * Request defaults by Authorization header: got merges every per-request option into a copy of its defaults, so whatever
   * is the same on every request to a workspace (credential, timeout) lives in the defaults, not in each request.
   */
  private readonly byCredential = new Map<string, Promise<Sender>>();
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  private readonly breakers = new CircuitBreakers({ failureThreshold: 5, cooldownMs: 10_000 });

  constructor(
    private readonly options: AlpaconClientOptions,
    private readonly tokens: TokenStore,
    private readonly log: Logger,
  ) {
    this.got = lazyGot({
      agent: this.agents,
      headers: { 'user-agent': USER_AGENT, accept: 'application/json' },
      responseType: 'text',
      timeout: { request: options.timeoutMs },
      retry: {
        limit: options.retries,
        // POST and PATCH are never retried: a command or a change must not be sent twice.
        methods: ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        maxRetryAfter: 60_000,
        calculateDelay: ({ computedValue, attemptCount, error }) => {
          if (computedValue === 0) return 0;
          // A server-sent Retry-After is honoured as got computed it; otherwise a short exponential backoff with jitter.
          if (error.response?.headers['retry-after']) return computedValue;
          return Math.min(options.retryBaseMs * 2 ** (attemptCount - 1), 8_000) + Math.random() * options.retryBaseMs;
        },
      },
    });
  }

  /** Closes kept-alive connections (on shutdown). */
  close(): void {
    this.byCredential.clear();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  baseUrl(target: AlpaconTarget): string {
    return resolveBaseUrl(this.options.baseUrl, target, this.tokens.pinnedUrl(target.region, target.workspace));
  }

  /** Headers for Websh/event WebSockets: Origin is the workspace URL; the token is in the WebSocket URL itself. */
  websocketHeaders(target: AlpaconTarget): Record<string, string> {
    return { Origin: this.baseUrl(target), 'User-Agent': USER_AGENT };
  }

  /** Throws `login_required` (nothing sent) unless the target's credential is a JWT or a login-issued token. */
  requireLoginCredential(target: AlpaconTarget, tool: string): void {
    if (this.tokens.credentialKind(target.region, target.workspace) === 'api_token') throw loginRequired(target.region, target.workspace, tool);
  }

  get<T = unknown>(target: AlpaconTarget, path: string, options?: CallOptions): Promise<T> {
    return this.request<T>('GET', target, path, undefined, options);
  }

  post<T = unknown>(target: AlpaconTarget, path: string, body?: unknown, options?: CallOptions): Promise<T> {
    return this.request<T>('POST', target, path, body ?? {}, options);
  }

  patch<T = unknown>(target: AlpaconTarget, path: string, body: unknown, options?: CallOptions): Promise<T> {
    return this.request<T>('PATCH', target, path, body, options);
  }

  put<T = unknown>(target: AlpaconTarget, path: string, body: unknown, options?: CallOptions): Promise<T> {
    return this.request<T>('PUT', target, path, body, options);
  }

  delete<T = unknown>(target: AlpaconTarget, path: string, options?: CallOptions): Promise<T> {
    return this.request<T>('DELETE', target, path, undefined, options);
  }

  /** One page of a DRF list. */
  async page<T>(target: AlpaconTarget, path: string, page = 1, pageSize = 20, options: CallOptions = {}): Promise<Page<T>> {
    const size = Math.min(Math.max(pageSize, 1), MAX_PAGE_SIZE);
    const body = await this.get(target, path, { ...options, query: { ...options.query, page, page_size: size } });
    return normalizePage<T>(body, page, size);
  }

  /** Follows page numbers until `limit` items, the last page, or `maxPages`, whichever comes first. */
  async collect<T>(target: AlpaconTarget, path: string, limit: number, options: CallOptions & { maxPages?: number } = {}): Promise<Collected<T>> {
    const items: T[] = [];
    const pageSize = Math.min(limit, MAX_PAGE_SIZE);
    let count = 0;
    let page: number | null = 1;
    for (let fetched = 0; page !== null && fetched < (options.maxPages ?? 50); fetched += 1) {
      const result: Page<T> = await this.page<T>(target, path, page, pageSize, options);
      count = result.count;
      items.push(...result.results);
      if (items.length >= limit || result.results.length === 0) break;
      page = result.next_page;
    }
    return { items: items.slice(0, limit), count, truncated: count > Math.min(items.length, limit) };
  }

  private async request<T>(method: Method, target: AlpaconTarget, path: string, body: unknown, given: CallOptions = {}): Promise<T> {
    // Bound to the running tool call's cancellation even when the caller did not pass its signal.
    const signal = callSignal(given.signal);
    const options = signal === given.signal ? given : { ...given, signal };
    const token = this.tokens.require(target.region, target.workspace);
    const base = this.baseUrl(target);
    const breaker = this.breakers.for(base);
    const wait = breaker.retryInMs();
    if (wait > 0) {
      throw new AlpaconMcpError(ErrorCode.CircuitOpen, `Alpacon at ${base} failed repeatedly; not calling it for ${Math.ceil(wait / 1000)} s.`, {
        hint: 'Check that the workspace is reachable; calls resume automatically after the pause.',
      });
    }
    const url = `${base}${path.startsWith('/') ? path : `/${path}`}`;
    const started = Date.now();
    try {
      const sender = await this.senderFor(authorizationHeader(token));
      const request = new (gotOptions())(url, this.requestOptions(method, body, options), sender.defaults);
      // The prepared options alone (got's own form for a request it repeats, as in its pagination): got only clones them.
      const response = await cancelledBy(options.signal, sender.got(undefined, undefined, request) as CancelableRequest<Response<string>>);
      breaker.succeeded();
      this.log.debug(`${method} ${path} -> ${response.statusCode}`, { ms: Date.now() - started });
      return parseJson<T>(response.body, response.headers['content-type'], response.statusCode);
    } catch (error) {
      throw this.toError(error, breaker, options, method, path);
    }
  }

  /** What sends with this credential; made once per credential (bounded, oldest dropped first). */
  private senderFor(authorization: string): Promise<Sender> {
    let sender = this.byCredential.get(authorization);
    if (!sender) {
      if (this.byCredential.size >= CREDENTIAL_INSTANCES) this.byCredential.delete(this.byCredential.keys().next().value as string);
      sender = this.got().then((got) => ({ got, defaults: credentialDefaults(got, authorization) }));
      this.byCredential.set(authorization, sender);
    }
    return sender;
  }

  /** Only what differs from the defaults: each option given costs got a merge on every request. */
  private requestOptions(method: Method, body: unknown, options: CallOptions): OptionsInit {
    const request: OptionsInit = {};
    if (method !== 'GET') request.method = method;
    const searchParams = toSearchParams(options.query);
    if (searchParams) request.searchParams = searchParams;
    if (body !== undefined) request.json = body;
    if (options.timeoutMs !== undefined && options.timeoutMs !== this.options.timeoutMs) request.timeout = { request: options.timeoutMs };
    return request;
  }

  private toError(error: unknown, breaker: ReturnType<CircuitBreakers['for']>, options: CallOptions, method: string, path: string): AlpaconMcpError {
    if (isAlpaconMcpError(error)) return error;
    const { CancelError, HTTPError, RequestError } = gotErrors();
    if (options.signal?.aborted || error instanceof CancelError) return new CancelledError(`${method} ${path}`);
    if (error instanceof HTTPError) {
      const status = error.response.statusCode;
      if (status >= 500) breaker.failed();
      else breaker.succeeded();
      this.log.debug(`${method} ${path} -> ${status}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(error.response.body));
      } catch {
        parsed = undefined;
      }
      if (status === 404 && parsed === undefined) return routeMissing(method, path);
      const unknown = unknownFilterValue(status, parsed, options.query);
      if (unknown) return unknown;
      return apiError(status, parsed, options.resource);
    }
    breaker.failed();
    if (error instanceof RequestError && error.name === 'TimeoutError') {
      return new AlpaconMcpError(ErrorCode.Timeout, `Alpacon did not answer ${method} ${path} in time.`, { hint: 'Retry in a moment, or check the workspace.' });
    }
    const code = error instanceof RequestError ? error.code : undefined;
    return new AlpaconMcpError(ErrorCode.Network, `Cannot reach Alpacon (${code ?? 'network error'}).`, {
      hint: 'Check the network, the workspace name and region, or the configured baseUrl.',
      cause: error,
    });
  }
}

/**
 * Cancels `pending` when `signal` aborts. Not got's `signal` option: got adds and removes a listener on the signal per
 * request, and a fan-out's requests all share the call's one signal (see whenAborted).
 */
async function cancelledBy<T>(signal: AbortSignal | undefined, pending: CancelableRequest<T>): Promise<T> {
  if (signal === undefined) return pending;
  if (signal.aborted) {
    pending.cancel();
    return pending;
  }
  const stop = whenAborted(signal, () => pending.cancel());
  try {
    return await pending;
  } finally {
    stop();
  }
}

/**
 * The instance's options plus this credential. `cacheOptions` is emptied: got's default holds four keys, all undefined
 * (no HTTP cache is used here), and got spreads them into the 40-key object it builds for node:http on every request,
 * which V8 then builds slowly (measured: createNativeRequestOptions 60-70 µs with them, 3-4 µs without).
 */
function credentialDefaults(got: Got, authorization: string): Options {
  const defaults = new (gotOptions())(undefined, { headers: { authorization } }, got.defaults.options);
  defaults.cacheOptions = {};
  return defaults;
}

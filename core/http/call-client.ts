import type { AlpaconClient, CallOptions, Collected } from './alpacon-client.js';
import type { Page } from './pagination.js';
import type { AlpaconTarget } from './target.js';

/** Options of a call through the per-call client: the call's cancellation signal is already attached. */
export type CallClientOptions = Omit<CallOptions, 'signal'>;

/**
 * The Alpacon client of one tool call (`ctx.alpacon`): bound to the call's workspace, region and cancellation signal, so a
 * tool cannot forget either. A client cancelling the call, or the server shutting down, aborts every request it made.
 */
export class CallClient {
  constructor(
    private readonly client: AlpaconClient,
    readonly target: AlpaconTarget,
    private readonly signal: AbortSignal,
  ) {}

  get<T = unknown>(path: string, options: CallClientOptions = {}): Promise<T> {
    return this.client.get<T>(this.target, path, this.with(options));
  }

  post<T = unknown>(path: string, body?: unknown, options: CallClientOptions = {}): Promise<T> {
    return this.client.post<T>(this.target, path, body, this.with(options));
  }

  patch<T = unknown>(path: string, body: unknown, options: CallClientOptions = {}): Promise<T> {
    return this.client.patch<T>(this.target, path, body, this.with(options));
  }

  put<T = unknown>(path: string, body: unknown, options: CallClientOptions = {}): Promise<T> {
    return this.client.put<T>(this.target, path, body, this.with(options));
  }

  delete<T = unknown>(path: string, options: CallClientOptions = {}): Promise<T> {
    return this.client.delete<T>(this.target, path, this.with(options));
  }

  page<T>(path: string, page = 1, pageSize = 20, options: CallClientOptions = {}): Promise<Page<T>> {
    return this.client.page<T>(this.target, path, page, pageSize, this.with(options));
  }

  collect<T>(path: string, limit: number, options: CallClientOptions & { maxPages?: number } = {}): Promise<Collected<T>> {
    return this.client.collect<T>(this.target, path, limit, this.with(options));
  }

  private with<O extends CallClientOptions>(options: O): O & { signal: AbortSignal } {
    return { ...options, signal: this.signal };
  }
}

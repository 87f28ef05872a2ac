import http from 'node:http';
import https from 'node:https';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Got, Progress, Request } from 'got';
import { gotErrors, lazyGot } from './lazy-got.js';
import { AlpaconMcpError, CancelledError, ErrorCode, isAlpaconMcpError } from '../errors/index.js';
import { sleepOrCancel } from '../time/sleep.js';
import { youngGarbageCollector } from './young-garbage.js';
import { FileShrankError, RingFileReader, type RingOptions } from './ring-file-reader.js';

/** Why a presigned transfer failed; `details.reason` of a `transfer_failed` error. */
export type PresignedFailure =
  | 'expired' // the URL's lifetime is over
  | 'denied' // signature or permission refused
  | 'not_found' // no such object (download)
  | 'too_large' // the object store's size limit
  | 'server_error' // 5xx from the object store
  | 'rejected' // any other non-2xx
  | 'network' // connection reset, refused, DNS
  | 'timeout' // no bytes for too long
  | 'incomplete'; // fewer bytes than announced

export class PresignedTransferError extends AlpaconMcpError {
  constructor(
    readonly reason: PresignedFailure,
    message: string,
    extra: { status?: number; s3Code?: string; hint?: string; cause?: unknown } = {},
  ) {
    super(ErrorCode.TransferFailed, message, {
      status: extra.status,
      hint: extra.hint ?? HINTS[reason],
      details: { reason, ...(extra.s3Code ? { s3_code: extra.s3Code } : {}) },
      cause: extra.cause,
    });
  }
}

const HINTS: Record<PresignedFailure, string> = {
  expired: 'The presigned URL expired; start the transfer again to get a fresh one.',
  denied: 'The object store refused the presigned URL; start the transfer again.',
  not_found: 'The file is not in the object store yet or any more; start the transfer again.',
  too_large: 'The file is larger than the object store accepts.',
  server_error: 'The object store failed; retry in a moment.',
  rejected: 'The object store refused the transfer; start it again.',
  network: 'The connection to the object store broke; retry the transfer.',
  timeout: 'The object store stopped sending or receiving data; retry the transfer.',
  incomplete: 'The transfer ended early; retry it.',
};

export interface PresignedOptions {
  signal?: AbortSignal;
  /** Bytes done so far and the total when known; called often, so keep it cheap. */
  onProgress?: (done: number, total?: number) => void;
  /** Fails when no byte moves for this long (default 60 s). */
  idleTimeoutMs?: number;
}

export interface PresignedRetry {
  maxAttempts: number;
  throttledMaxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

const GET_RETRY: PresignedRetry = { maxAttempts: 100, throttledMaxAttempts: 10, initialDelayMs: 250, maxDelayMs: 1000 };

export interface PresignedGetOptions extends PresignedOptions {
  retry?: Partial<PresignedRetry>;
}

export interface PresignedResult {
  bytes: number;
  status: number;
  etag?: string;
}

const ERROR_BODY_LIMIT = 16 * 1024;

/**
 * Streams files to and from presigned object-store URLs (S3 style). No Alpacon auth header is ever sent: the URL
 * itself carries the signature. Bodies are streamed, never buffered, so a 1 GiB file costs a few chunks of memory.
 */
export class PresignedTransfer {
  private readonly got: () => Promise<Got>;

  constructor(options: { userAgent?: string } = {}) {
    this.got = lazyGot({
      agent: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
      headers: { 'user-agent': options.userAgent ?? 'alpacon-mcp' },
      retry: { limit: 0 },
      decompress: false,
      throwHttpErrors: false,
      followRedirect: false,
    });
  }

  /**
   * PUTs a local file to `url` with Content-Length set; resolves once the store answered 200/204. The file is read
   * through a ring of buffers refilled only as bytes leave for the socket (`RingFileReader`): at most `ring` bytes
   * ahead of what was sent, and no new buffer per chunk.
   */
  async putFile(url: string, filePath: string, options: PresignedOptions & { ring?: RingOptions } = {}): Promise<PresignedResult> {
    const handle = await open(filePath, 'r');
    try {
      const { size } = await handle.stat();
      return await this.put(url, new RingFileReader(handle, size, options.ring), size, options);
    } finally {
      await handle.close();
    }
  }

  /** PUTs bytes held in memory (small generated content). */
  putBuffer(url: string, body: Buffer, options: PresignedOptions = {}): Promise<PresignedResult> {
    return this.put(url, [body], body.length, options);
  }

  /**
   * GETs `url` into `destination` (ended when the body ends); checks the byte count against Content-Length.
   * As the Alpacon CLI's `fetchFromURLToFile` (`api/ftp/ftp.go`): redirects are followed, and any answer but 200 that
   * is not a fatal 4xx is retried with backoff (250 ms doubling to 1 s; 100 tries, 10 for 408/429) before a byte is written.
   */
  async getToStream(url: string, destination: Writable, options: PresignedGetOptions = {}): Promise<PresignedResult & { contentLength?: number }> {
    const retry = { ...GET_RETRY, ...options.retry };
    for (let attempt = 0; ; attempt += 1) {
      const request = (await this.got()).stream.get(url, { signal: options.signal, timeout: idle(options), followRedirect: true, maxRedirects: 10 });
      let response: http.IncomingMessage & { statusCode: number };
      try {
        response = await responseOf(request);
      } catch (error) {
        request.destroy();
        throw toPresignedError(error, options.signal, 'GET');
      }
      if (response.statusCode === 200) return this.receive(request, response, destination, options);
      const body = await readSmall(request);
      const status = response.statusCode;
      const retryLater = status === 408 || status === 429;
      const budget = retryLater ? Math.min(retry.maxAttempts, retry.throttledMaxAttempts) : retry.maxAttempts;
      if ((status >= 400 && status < 500 && !retryLater) || attempt >= budget - 1) throw failure(status, body, 'GET');
      await sleepOrCancel(Math.min(retry.initialDelayMs * 2 ** attempt, retry.maxDelayMs), options.signal ?? new AbortController().signal, 'The download');
    }
  }

  private async receive(
    request: Request, response: http.IncomingMessage & { statusCode: number }, destination: Writable, options: PresignedOptions,
  ): Promise<PresignedResult & { contentLength?: number }> {
    try {
      const announced = Number(response.headers['content-length']);
      const contentLength = Number.isFinite(announced) ? announced : undefined;
      let bytes = 0;
      const collect = youngGarbageCollector();
      request.on('downloadProgress', (progress: Progress) => {
        bytes = progress.transferred;
        options.onProgress?.(progress.transferred, contentLength);
        collect(progress.transferred);
      });
      await pipeline(request, destination);
      bytes = request.downloadProgress.transferred;
      if (contentLength !== undefined && bytes !== contentLength) {
        throw new PresignedTransferError('incomplete', `The download ended after ${bytes} of ${contentLength} bytes.`);
      }
      return { bytes, status: response.statusCode, etag: etagOf(response.headers.etag), contentLength };
    } catch (error) {
      request.destroy();
      throw toPresignedError(error, options.signal, 'GET');
    }
  }

  private async put(url: string, source: RingFileReader | Buffer[], size: number, options: PresignedOptions): Promise<PresignedResult> {
    const request = (await this.got()).stream.put(url, {
      signal: options.signal,
      timeout: idle(options),
      headers: { 'content-length': String(size), 'content-type': 'application/octet-stream' },
    });
    // got emits this from the socket write's callback: those bytes are the kernel's now, so their buffers may be reused.
    // An upload's garbage is per write (got's, http's and the stream's small objects), not per byte: collect every 32 chunks.
    const collect = youngGarbageCollector(source instanceof RingFileReader ? 32 * source.chunkBytes : undefined);
    request.on('uploadProgress', (progress: Progress) => {
      options.onProgress?.(progress.transferred, size);
      if (source instanceof RingFileReader) source.release(progress.transferred);
      collect(progress.transferred);
    });
    const answered = responseOf(request);
    answered.then(() => (source instanceof RingFileReader ? source.releaseAll() : undefined), () => undefined);
    const body = new Collector();
    try {
      await pipeline(source, request, body);
    } catch (error) {
      // The store may refuse early (403, 413) and close before reading the whole body: prefer its answer.
      const response = await Promise.race([answered, Promise.resolve(undefined)]).catch(() => undefined);
      if (response && response.statusCode >= 300 && !options.signal?.aborted) throw failure(response.statusCode, body.text(), 'PUT');
      if (error instanceof FileShrankError) {
        throw new PresignedTransferError('incomplete', `The local file became shorter while it was uploaded (${error.message}).`, { hint: 'Upload it again once nothing writes to it.' });
      }
      throw toPresignedError(error, options.signal, 'PUT');
    }
    const response = await answered;
    if (response.statusCode !== 200 && response.statusCode !== 201 && response.statusCode !== 204) {
      throw failure(response.statusCode, body.text(), 'PUT');
    }
    return { bytes: size, status: response.statusCode, etag: etagOf(response.headers.etag) };
  }
}

function idle(options: PresignedOptions) {
  return { connect: 15_000, socket: options.idleTimeoutMs ?? 60_000 };
}

function responseOf(request: Request): Promise<http.IncomingMessage & { statusCode: number }> {
  return new Promise((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
}

/** Keeps at most the first 16 KiB of a body (for S3 error XML). */
class Collector extends Writable {
  private readonly chunks: Buffer[] = [];
  private kept = 0;

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.kept < ERROR_BODY_LIMIT) {
      this.chunks.push(chunk.subarray(0, ERROR_BODY_LIMIT - this.kept));
      this.kept += Math.min(chunk.length, ERROR_BODY_LIMIT - this.kept);
    }
    callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function readSmall(request: Request): Promise<string> {
  const body = new Collector();
  try {
    await pipeline(request, body);
  } catch {
    // A broken error body still leaves the status to report.
  }
  return body.text();
}

function etagOf(value: string | undefined): string | undefined {
  return value?.replace(/^"|"$/g, '');
}

/** Maps an object-store error answer (S3 XML `<Code>`/`<Message>`, or anything else) to a typed failure. */
export function failure(status: number, body: string, method: string): PresignedTransferError {
  const s3Code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const s3Message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  const said = s3Message ? `: ${s3Message}` : '';
  const extra = { status, s3Code };
  if (status === 403 && /expired/i.test(s3Message ?? body)) return new PresignedTransferError('expired', `The presigned ${method} URL has expired${said}.`, extra);
  if (status === 401 || status === 403) return new PresignedTransferError('denied', `The object store refused the presigned ${method} URL (HTTP ${status})${said}.`, extra);
  if (status === 404) return new PresignedTransferError('not_found', `The object store has no such object (HTTP 404)${said}.`, extra);
  if (status === 413) return new PresignedTransferError('too_large', `The object store refused the file as too large (HTTP 413)${said}.`, extra);
  if (status >= 500) return new PresignedTransferError('server_error', `The object store failed (HTTP ${status})${said}.`, extra);
  return new PresignedTransferError('rejected', `The object store answered HTTP ${status} to ${method}${said}.`, extra);
}

function toPresignedError(error: unknown, signal: AbortSignal | undefined, method: string): AlpaconMcpError {
  if (isAlpaconMcpError(error)) return error;
  if (signal?.aborted) return new CancelledError(`The ${method === 'PUT' ? 'upload' : 'download'}`);
  const { RequestError } = gotErrors();
  if (error instanceof RequestError && error.name === 'TimeoutError') {
    return new PresignedTransferError('timeout', `The object store did not move any data in time (${method}).`, { cause: error });
  }
  const code = error instanceof RequestError ? error.code : (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE' || error instanceof RequestError) {
    return new PresignedTransferError('network', `The connection to the object store broke during ${method} (${code ?? 'network error'}).`, { cause: error });
  }
  throw error;
}

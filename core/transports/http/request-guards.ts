import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopback, type HttpServeOptions } from './options.js';

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** DNS-rebinding protection: Host must be allowed; Origin, when sent, must be allowed too. */
export function checkHostAndOrigin(req: IncomingMessage, options: HttpServeOptions, port: number): Refusal | undefined {
  const host = req.headers.host ?? '';
  const hostName = host.replace(/:\d+$/, '');
  const hostAllowed = options.allowedHosts.length > 0
    ? options.allowedHosts.includes(host) || options.allowedHosts.includes(hostName)
    : isLoopback(hostName) && (host === hostName || host.endsWith(`:${port}`));
  if (!hostAllowed) return { status: 403, code: 'host_not_allowed', message: `Host "${host}" is not allowed.` };

  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let originHost: string;
  try {
    originHost = new URL(origin).hostname;
  } catch {
    return { status: 403, code: 'origin_not_allowed', message: 'Malformed Origin.' };
  }
  const originAllowed = options.allowedOrigins.length > 0 ? options.allowedOrigins.includes(origin) : isLoopback(originHost) || originHost === '[::1]';
  return originAllowed ? undefined : { status: 403, code: 'origin_not_allowed', message: `Origin "${origin}" is not allowed.` };
}

/** Caller authentication: `Authorization: Bearer <server token>`, compared in constant time. */
export function checkBearer(req: IncomingMessage, serverToken: string | undefined): Refusal | undefined {
  if (!serverToken) return undefined;
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  const given = Buffer.from(match?.[1] ?? '');
  const expected = Buffer.from(serverToken);
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  return ok ? undefined : { status: 401, code: 'unauthorized', message: 'Missing or wrong bearer token.' };
}

/** Fixed-window request counter per client address. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {}

  /** Seconds to wait, or 0 when the request may proceed. */
  take(client: string): number {
    if (this.perMinute <= 0) return 0;
    const now = this.now();
    let window = this.windows.get(client);
    if (!window || now - window.start >= 60_000) {
      window = { start: now, count: 0 };
      this.windows.set(client, window);
      if (this.windows.size > 10_000) this.prune(now);
    }
    window.count += 1;
    return window.count > this.perMinute ? Math.ceil((window.start + 60_000 - now) / 1000) : 0;
  }

  private prune(now: number): void {
    for (const [client, window] of this.windows) if (now - window.start >= 60_000) this.windows.delete(client);
  }
}

/**
 * Reads a JSON body up to a size limit; `too_large` when it is exceeded (the rest is not read: the request is destroyed).
 * Read from the stream's events rather than an async iterator: this runs for every HTTP request, and the iterator costs
 * several promises per chunk.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<{ ok: true; body: unknown } | { ok: false; refusal: Refusal }> {
  const tooLarge = { ok: false as const, refusal: { status: 413, code: 'too_large', message: `Body over ${limit} bytes.` } };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      resolve(tooLarge);
      req.destroy();
    };
    const onEnd = () => {
      stop();
      if (size === 0) return resolve({ ok: true, body: undefined });
      try {
        resolve({ ok: true, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ ok: false, refusal: { status: 400, code: 'parse_error', message: 'Body is not valid JSON.' } });
      }
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    // Closed before its end (the client went away): as the stream iterator would, fail the read.
    const onClose = () => {
      stop();
      reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

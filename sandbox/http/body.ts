import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.js';

const MAX_JSON_BODY = 10 * 1024 * 1024;

/** Reads and parses a JSON body like DRF's JSONParser: empty → undefined, bad JSON → 400, other types → 415. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  // Without Content-Length or Transfer-Encoding an HTTP/1.1 request has no body (RFC 9112 6.3): most GETs.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return undefined;
  }
  const chunks = await readAll(req);
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  if (size === 0) return undefined;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/json' && !contentType.endsWith('+json')) {
    throw new ApiError(415, { detail: `Unsupported media type "${contentType}" in request.` });
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ApiError(400, { detail: `JSON parse error - ${message}` });
  }
}

/** The body's chunks, read with events (cheaper than an async iterator per request); 413 past MAX_JSON_BODY. */
function readAll(req: IncomingMessage): Promise<Buffer[]> {
  return new Promise<Buffer[]>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_JSON_BODY) {
        req.removeAllListeners('data');
        req.resume();
        reject(new ApiError(413, { detail: 'Request body too large.' }));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks));
    req.once('error', reject);
  });
}

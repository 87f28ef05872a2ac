import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.js';

const MAX_JSON_BODY = 10 * 1024 * 1024;

/** Reads and parses a JSON body like DRF's JSONParser: empty → undefined, bad JSON → 400, other types → 415. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_JSON_BODY) throw new ApiError(413, { detail: 'Request body too large.' });
    chunks.push(buffer);
  }
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

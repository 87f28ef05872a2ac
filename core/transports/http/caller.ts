import { createHash } from 'node:crypto';
import type { HeaderLookup } from './narrowing.js';

/**
 * Who is calling over HTTP, as far as this server can tell: the credential the caller presented (hashed, never kept), so
 * a confirmation approved by one caller cannot be answered for by another. Callers without credentials share one identity.
 */
export function httpCaller(header: HeaderLookup): string {
  const raw = header('authorization');
  const credential = Array.isArray(raw) ? raw.join(',') : raw ?? '';
  return `http:${createHash('sha256').update(credential).digest('hex').slice(0, 32)}`;
}

import { AlpaconMcpError, ErrorCode } from '../errors/index.js';
import type { Query } from './alpacon-client.js';

/** Query values as DRF reads them: empty values left out, lists as repeated keys. */
export function toSearchParams(query: Query | undefined): URLSearchParams | undefined {
  if (!query) return undefined;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  return params;
}

/** Alpacon answers JSON; anything else (an HTML error page from a proxy) is a bad_response, not a crash. */
export function parseJson<T>(text: string, contentType: string | undefined, status: number): T {
  if (text.length === 0) return undefined as T;
  if (contentType && !/application\/(.+\+)?json/i.test(contentType)) {
    throw new AlpaconMcpError(ErrorCode.BadResponse, `Alpacon answered with ${contentType.split(';')[0]} instead of JSON (HTTP ${status}).`, {
      hint: 'The baseUrl may point at a web page or a proxy rather than the Alpacon API.',
    });
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new AlpaconMcpError(ErrorCode.BadResponse, 'Alpacon answered with malformed JSON.', { status });
  }
}

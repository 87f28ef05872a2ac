import http from 'node:http';
import { Readable } from 'node:stream';

/**
 * A fetch that sends the given Host header (WHATWG fetch drops it), as a balancer or the kubelet would; loopback URLs only.
 * Enough for the MCP client transports and plain probes: method, headers, a string or absent body, a streamed answer.
 */
export function fetchWithHost(host: string): typeof fetch {
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    headers.host = host;
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    return new Promise<Response>((resolve, reject) => {
      const request = http.request(url, { method: init.method ?? 'GET', headers, signal: init.signal ?? undefined }, (res) => {
        const answerHeaders = new Headers();
        for (const [key, value] of Object.entries(res.headers)) if (value !== undefined) answerHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
        const stream = res.statusCode === 204 || res.statusCode === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(new Response(stream, { status: res.statusCode ?? 0, headers: answerHeaders }));
      });
      request.once('error', reject);
      request.end(body);
    });
  };
}

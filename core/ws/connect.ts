import type { WebSocket } from 'ws';
import { AlpaconMcpError, CancelledError, ErrorCode } from '../errors/index.js';

export type { WebSocket, RawData } from 'ws';

export interface WebSocketConnectOptions {
  /** From `AlpaconClient.websocketHeaders(target)`: Origin and User-Agent. Never an Authorization header: the token is in the URL. */
  headers: Record<string, string>;
  /** Time allowed for the TCP/TLS connect and the upgrade (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Largest message accepted (default 16 MiB). */
  maxPayload?: number;
}

/**
 * Opens a WebSocket (Websh, event streams) and resolves once it is open, PAUSED: a server may send its first message (a
 * shell prompt) together with the upgrade, before the caller could attach a listener. Attach listeners, then `resume()`. A refused upgrade names the HTTP status, since a
 * used single-use URL (401) or a closed session (404/410) means "ask the API for a new URL", not "retry this one".
 */
export async function connectWebSocket(url: string, options: WebSocketConnectOptions): Promise<WebSocket> {
  // ws is imported on the first connection: a server that never opens a WebSocket never loads it.
  const { WebSocket } = await import('ws');
  const headers = Object.fromEntries(Object.entries(options.headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
  return new Promise<WebSocket>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new CancelledError('Opening the WebSocket'));
      return;
    }
    const socket = new WebSocket(url, {
      headers,
      handshakeTimeout: options.timeoutMs ?? 10_000,
      maxPayload: options.maxPayload ?? 16 * 1024 * 1024,
      perMessageDeflate: false,
    });
    const settle = (error?: AlpaconMcpError): void => {
      socket.off('open', onOpen);
      socket.off('error', onError);
      socket.off('unexpected-response', onRefused);
      options.signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolve(socket);
        return;
      }
      socket.on('error', () => undefined);
      socket.terminate();
      reject(error);
    };
    const onOpen = (): void => {
      socket.pause();
      settle();
    };
    const onError = (error: Error): void => {
      const timedOut = /timed out|timeout/i.test(error.message);
      settle(
        new AlpaconMcpError(timedOut ? ErrorCode.Timeout : ErrorCode.Network, `WebSocket connection failed: ${error.message}`, {
          hint: 'Check that the workspace is reachable; a new session gives a new WebSocket URL.',
          cause: error,
        }),
      );
    };
    const onRefused = (_request: unknown, response: { statusCode?: number }): void => {
      const status = response.statusCode ?? 0;
      settle(
        new AlpaconMcpError(ErrorCode.ConnectionLost, `The WebSocket upgrade was refused (HTTP ${status}).`, {
          status,
          hint: 'WebSocket URLs are single-use and die with their session: request a new session or user channel.',
        }),
      );
    };
    const onAbort = (): void => settle(new CancelledError('Opening the WebSocket'));
    socket.once('open', onOpen);
    socket.once('error', onError);
    socket.once('unexpected-response', onRefused);
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

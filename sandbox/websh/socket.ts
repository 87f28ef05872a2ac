import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebshStore } from './store.js';

/**
 * WebSocket upgrades for `/ws/websh/<session>/<channel>/<token>/`. The token is single-use: a second dial with
 * the same URL is refused with 401; an unknown session or channel with 404; a closed session with 410.
 */
export function createWebshUpgrade(
  store: WebshStore,
  /** Until a new terminal answers; what the client sends meanwhile is held, then delivered in order. */
  terminalReadyMs = 0,
): { handle: (req: IncomingMessage, socket: Duplex, head: Buffer) => void; close: () => void } {
  const wss = new WebSocketServer({ noServer: true });
  const refuse = (socket: Duplex, status: number, reason: string): void => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  const handle = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(req.url ?? '/', 'http://sandbox.local').pathname;
    const match = /^\/ws\/websh\/([^/]+)\/([^/]+)\/([^/]+)\/$/.exec(path);
    if (match === null) {
      refuse(socket, 404, 'Not Found');
      return;
    }
    const check = store.consume(match[1], match[2], match[3]);
    if (!check.ok) {
      refuse(socket, check.status, check.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (terminalReadyMs <= 0) {
        check.session.terminal.attach(ws, check.channel.readOnly);
        return;
      }
      const early: [Buffer, boolean][] = [];
      const hold = (data: Buffer, isBinary: boolean) => early.push([data, isBinary]);
      ws.on('message', hold);
      const timer = setTimeout(() => {
        ws.off('message', hold);
        if (ws.readyState !== ws.OPEN) return;
        check.session.terminal.attach(ws, check.channel.readOnly);
        for (const [data, isBinary] of early) ws.emit('message', data, isBinary);
      }, terminalReadyMs);
      timer.unref();
      ws.once('close', () => clearTimeout(timer));
    });
  };
  const close = (): void => {
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
  return { handle, close };
}

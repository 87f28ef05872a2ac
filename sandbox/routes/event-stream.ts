import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { principalOf, type SandboxContext } from '../context.js';
import type { Router } from '../http/types.js';
import type { CommandEvent } from '../world/commands.js';
import { eventChannels, type EventChannel } from '../world/event-channels.js';

/**
 * The events WebSocket of today's service, as the CLI uses it (`api/event/subscribe.go`, `wslistener.go`,
 * `commandoutput_listener.go`, and the fake server in `api/event/event_test.go`):
 * - `POST /api/events/sessions/ {}` → 201 `{id, websocket_url, channel_id}`; the URL carries a single-use token, so a
 *   reconnect needs a new session;
 * - dial the URL (no Authorization header); a used or unknown token is refused with 401 / 404;
 * - `POST /api/events/subscriptions/ {channel, event_type, target_id?}` → 201 (served by routes/ext-webhooks.ts, which
 *   refuses an events channel that is not connected yet); `command_output` targets a command, `command_fin` a server;
 * - frames are text JSON `{event_type, payload}`: `command_output` `{command_id, seq, content}`, `command_fin` `{id}`.
 * Not served by the 2024 generation (alpacon-server has no events sessions).
 */
export function registerEventStream(router: Router, ctx: SandboxContext): void {
  const channels = eventChannels(ctx.world).byId;
  const wss = new WebSocketServer({ noServer: true });

  router.add('POST', '/api/events/sessions/', (req) => {
    const principal = principalOf(req);
    const channel: EventChannel = {
      sessionId: ctx.world.newId(), channelId: ctx.world.newId(), userId: principal.userId,
      token: randomBytes(24).toString('hex'), tokenUsed: false, socket: undefined, subscriptions: new Set(),
    };
    channels.set(channel.channelId, channel);
    const websocketUrl = `${ctx.wsBaseUrl()}/ws/events/${channel.channelId}/${channel.token}/`;
    return { status: 201, body: { id: channel.sessionId, websocket_url: websocketUrl, channel_id: channel.channelId } };
  });

  router.onUpgrade('/ws/events/', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const match = /^\/ws\/events\/([^/]+)\/([^/]+)\/$/.exec(new URL(req.url ?? '/', 'http://sandbox.local').pathname);
    const channel = match === null ? undefined : channels.get(match[1]);
    if (match === null || channel === undefined) return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    if (channel.tokenUsed || channel.token !== match[2]) return void socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    channel.tokenUsed = true;
    wss.handleUpgrade(req, socket, head, (ws) => {
      channel.socket = ws;
      ws.on('close', () => channels.delete(channel.channelId));
      ws.on('error', () => undefined);
    });
  });

  const publish = (eventType: string, targetId: string, frame: unknown): void => {
    const text = JSON.stringify(frame);
    for (const channel of eventChannels(ctx.world).listening(eventType, targetId)) channel.socket?.send(text);
  };
  const unsubscribe = ctx.commands.onEvent((event: CommandEvent) => {
    if (event.type === 'chunk') {
      const { record, chunk } = event;
      publish('command_output', record.id, { event_type: 'command_output', payload: { command_id: record.id, seq: chunk.seq, content: chunk.content } });
    } else {
      publish('command_fin', event.record.server, { event_type: 'command_fin', payload: { id: event.record.id } });
    }
  });

  ctx.onStop(() => {
    unsubscribe();
    for (const client of wss.clients) client.terminate();
    wss.close();
    channels.clear();
  });
}

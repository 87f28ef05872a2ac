import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { principalOf, type SandboxContext } from '../context.js';
import { fieldErrors } from '../http/errors.js';
import type { Router } from '../http/types.js';
import type { CommandEvent } from '../world/commands.js';
import { BodyReader, isUuid } from './body-reader.js';

/**
 * The events WebSocket of today's service, as the CLI uses it (`api/event/subscribe.go`, `wslistener.go`,
 * `commandoutput_listener.go`, and the fake server in `api/event/event_test.go`):
 * - `POST /api/events/sessions/ {}` → 201 `{id, websocket_url, channel_id}`; the URL carries a single-use token, so a
 *   reconnect needs a new session;
 * - dial the URL (no Authorization header); a used or unknown token is refused with 401 / 404;
 * - `POST /api/events/subscriptions/ {channel, event_type, target_id?}` → 201, accepted only once the channel is
 *   connected; `command_output` targets a command, `command_fin` a server;
 * - frames are text JSON `{event_type, payload}`: `command_output` `{command_id, seq, content}`, `command_fin` `{id}`.
 * Not served by the 2024 generation (alpacon-server has no events sessions).
 */
const EVENT_TYPES = new Set(['command_output', 'command_fin', 'sudo', 'work_session']);

interface EventChannel {
  sessionId: string;
  channelId: string;
  userId: string;
  token: string;
  tokenUsed: boolean;
  socket: WebSocket | undefined;
  subscriptions: Set<string>;
}

export function registerEventStream(router: Router, ctx: SandboxContext): void {
  const channels = new Map<string, EventChannel>();
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

  router.add('POST', '/api/events/subscriptions/', (req) => {
    const principal = principalOf(req);
    const reader = new BodyReader(req.body);
    const channelId = reader.string('channel', { required: true });
    const eventType = reader.string('event_type', { required: true });
    const targetId = reader.string('target_id', { allowBlank: false });
    reader.done();
    const channel = channelId === undefined ? undefined : channels.get(channelId);
    if (channel === undefined || channel.userId !== principal.userId) throw fieldErrors({ channel: ['Invalid channel.'] });
    if (channel.socket === undefined) throw fieldErrors({ channel: ['The channel is not connected.'] });
    if (!EVENT_TYPES.has(eventType ?? '')) throw fieldErrors({ event_type: [`"${eventType}" is not a valid choice.`] });
    if (targetId !== undefined && !isUuid(targetId)) throw fieldErrors({ target_id: ['Must be a valid UUID.'] });
    channel.subscriptions.add(`${eventType}:${targetId ?? ''}`);
    return { status: 201, body: { id: ctx.world.newId(), channel: channel.channelId, event_type: eventType, target_id: targetId ?? null } };
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

  const publish = (key: string, frame: unknown): void => {
    const text = JSON.stringify(frame);
    for (const channel of channels.values()) if (channel.subscriptions.has(key)) channel.socket?.send(text);
  };
  const unsubscribe = ctx.commands.onEvent((event: CommandEvent) => {
    if (event.type === 'chunk') {
      const { record, chunk } = event;
      publish(`command_output:${record.id}`, { event_type: 'command_output', payload: { command_id: record.id, seq: chunk.seq, content: chunk.content } });
    } else {
      publish(`command_fin:${event.record.server}`, { event_type: 'command_fin', payload: { id: event.record.id } });
    }
  });

  ctx.onStop(() => {
    unsubscribe();
    for (const client of wss.clients) client.terminate();
    wss.close();
    channels.clear();
  });
}

import { connectWebSocket, type AlpaconClient, type AlpaconTarget, type RawData, type WebSocket } from '../../core/index.js';

/**
 * Alpacon's events WebSocket, as the CLI uses it for live command output (`api/event/subscribe.go`,
 * `api/event/wslistener.go`, `api/event/commandoutput_listener.go`): `POST /api/events/sessions/ {}` →
 * `{id, websocket_url, channel_id}` (the URL carries a single-use token), dial it with Origin and User-Agent, then
 * `POST /api/events/subscriptions/ {channel, event_type, target_id}` once connected. Frames are JSON
 * `{event_type, payload}`: `command_output` `{command_id, seq, content}`, `command_fin` `{id}`.
 * The 2024 server has none of this (no sessions route): opening fails and the caller polls instead.
 */
export type EventFrame =
  | { event_type: 'command_output'; command_id: string; seq: number; content: string }
  | { event_type: 'command_fin'; id: string };

export class EventStream {
  private readonly listeners = new Set<(frame: EventFrame) => void>();

  private constructor(
    private readonly alpacon: AlpaconClient,
    private readonly target: AlpaconTarget,
    private readonly socket: WebSocket,
    readonly channelId: string,
  ) {
    socket.on('message', (data: RawData) => {
      const frame = parseFrame(data);
      if (frame !== undefined) for (const listener of this.listeners) listener(frame);
    });
    socket.on('error', () => undefined);
    socket.resume();
  }

  /** Opens a session and its socket; undefined when the server offers none (then poll). */
  static async open(alpacon: AlpaconClient, target: AlpaconTarget, signal: AbortSignal): Promise<EventStream | undefined> {
    try {
      const session = await alpacon.post<unknown>(target, '/api/events/sessions/', {}, { signal, timeoutMs: 5_000 });
      const { websocket_url: url, channel_id: channel } = (session ?? {}) as { websocket_url?: unknown; channel_id?: unknown };
      if (typeof url !== 'string' || typeof channel !== 'string') return undefined;
      // The CLI's connect budget (commandOutputConnectTimeout) is 5 s too.
      const socket = await connectWebSocket(url, { headers: alpacon.websocketHeaders(target), signal, timeoutMs: 5_000 });
      return new EventStream(alpacon, target, socket, channel);
    } catch {
      return undefined;
    }
  }

  async subscribe(eventType: 'command_output' | 'command_fin', targetId: string, signal: AbortSignal): Promise<void> {
    await this.alpacon.post(this.target, '/api/events/subscriptions/', { channel: this.channelId, event_type: eventType, target_id: targetId }, { signal });
  }

  onFrame(listener: (frame: EventFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.socket.close(1000);
    this.socket.terminate();
  }
}

function parseFrame(data: RawData): EventFrame | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { event_type: type, payload } = parsed as { event_type?: unknown; payload?: unknown };
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  if (type === 'command_output' && typeof p.command_id === 'string' && typeof p.seq === 'number' && typeof p.content === 'string') {
    return { event_type: type, command_id: p.command_id, seq: p.seq, content: p.content };
  }
  if (type === 'command_fin' && typeof p.id === 'string') return { event_type: type, id: p.id };
  return undefined;
}

import type { WebSocket } from 'ws';
import type { World } from './world.js';

/** One events-WebSocket channel (a `POST /api/events/sessions/` answer) and what it subscribed to. */
export interface EventChannel {
  sessionId: string;
  channelId: string;
  userId: string;
  token: string;
  tokenUsed: boolean;
  socket: WebSocket | undefined;
  /** `event_type:target_id` keys. */
  subscriptions: Set<string>;
}

/**
 * The live event channels of a sandbox. Shared by the events WebSocket (routes/event-stream.ts) and the one
 * subscriptions route (routes/ext-webhooks.ts), which also serves webhook channels.
 */
export class EventChannels {
  readonly byId = new Map<string, EventChannel>();

  /** Undefined for a channel that is not an events-WebSocket channel (a webhook, say). */
  get(channelId: string): EventChannel | undefined {
    return this.byId.get(channelId);
  }

  subscribe(channelId: string, eventType: string, targetId: string | null): void {
    this.byId.get(channelId)?.subscriptions.add(key(eventType, targetId));
  }

  unsubscribe(channelId: string, eventType: string, targetId: string | null): void {
    this.byId.get(channelId)?.subscriptions.delete(key(eventType, targetId));
  }

  /** Connected channels subscribed to `eventType` for `targetId`. */
  listening(eventType: string, targetId: string): EventChannel[] {
    const wanted = key(eventType, targetId);
    return [...this.byId.values()].filter((c) => c.socket !== undefined && c.subscriptions.has(wanted));
  }
}

const key = (eventType: string, targetId: string | null) => `${eventType}:${targetId ?? ''}`;

const registry = new WeakMap<World, EventChannels>();

export function eventChannels(world: World): EventChannels {
  let channels = registry.get(world);
  if (channels === undefined) {
    channels = new EventChannels();
    registry.set(world, channels);
  }
  return channels;
}

import { Prng } from './prng.js';
import { iso, WORLD_EPOCH } from './seed-world.js';
import type { World } from './world.js';

/** `/api/notifications/webhooks/`, fields from alpacon-cli api/webhook/types.go (`owner` expanded by the route). */
export interface Webhook {
  id: string;
  name: string;
  url: string;
  provider: string;
  ssl_verify: boolean;
  enabled: boolean;
  owner: string;
  added_at: string;
  updated_at: string;
}

/** `/api/events/subscriptions/`: request fields from alpacon-cli api/event/subscribe.go; the response shape is unverified. */
export interface EventSubscription {
  id: string;
  channel: string;
  event_type: string;
  target_id: string | null;
  owner: string;
  added_at: string;
}

/** One Slack-style webhook owned by the admin, and one subscription of the admin's to command_fin on it. */
export function seedWebhooks(world: World): { webhooks: Webhook[]; subscriptions: EventSubscription[] } {
  const prng = new Prng(world.seed ^ 0x3eb0);
  const admin = world.users.all()[0];
  const at = iso(WORLD_EPOCH - 12 * 86_400_000);
  const hook: Webhook = {
    id: prng.uuid(), name: 'ops-alerts', url: 'https://hooks.example.com/services/ops', provider: 'slack', ssl_verify: true, enabled: true,
    owner: admin.id, added_at: at, updated_at: at,
  };
  const subscription: EventSubscription = { id: prng.uuid(), channel: hook.id, event_type: 'command_fin', target_id: null, owner: admin.id, added_at: at };
  return { webhooks: [hook], subscriptions: [subscription] };
}

import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { WebhookTools } from './tools.js';

export default definePlugin({
  name: 'webhooks',
  description: 'Notification webhooks and event subscriptions',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [WebhookTools],
  instructions: 'webhooks: a webhook is an HTTP endpoint; an event subscription (your own) routes an event type to a channel.',
});

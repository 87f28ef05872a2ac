import { ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, reply, Tool, type AlpaconTarget, type Query, type ToolContext, summarizePage, type ItemShape } from '../../core/index.js';
import {
  CreateEventSubscriptionInput, CreateWebhookInput, EventSubscriptionIdInput, ListEventSubscriptionsInput, ListWebhooksInput,
  UpdateWebhookInput, WEBHOOK_FIELDS, WebhookIdInput,
} from './dto.js';

interface Webhook {
  id: string;
  name: string;
  [key: string]: unknown;
}

interface Subscription {
  id: string;
  event_type?: string;
  [key: string]: unknown;
}

const HOOKS = '/api/notifications/webhooks/';
const SUBSCRIPTIONS = '/api/events/subscriptions/';

/** Webhooks (paths from alpacon-cli api/webhook) and event subscriptions (alpacon-cli api/event + the Python MCP server). */
/** What each list shows of an item by default (the `fields` argument adds the rest). */
const WEBHOOK_SUMMARY = ['id', 'name', 'url', 'provider', 'enabled'];
const SUBSCRIPTION_SUMMARY = ['id', 'channel', 'event_type', 'target_id'];

@injectable()
export class WebhookTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({ name: 'list_webhooks', title: 'List webhooks', description: 'Webhook endpoints (name, URL, provider, enabled).', input: ListWebhooksInput, annotations: Effects.read, searchHint: 'webhook notification endpoint' })
  listWebhooks({ name, fields, page = 1, page_size = 20, ...target }: ListWebhooksInput, ctx: ToolContext) {
    return this.list(target, HOOKS, 'webhook', page, page_size, { name }, { summary: WEBHOOK_SUMMARY, fields }, ctx);
  }

  @Tool({ name: 'get_webhook', title: 'Get webhook', description: 'One webhook by webhook_id (list_webhooks).', input: WebhookIdInput, annotations: Effects.read, searchHint: 'webhook details' })
  async getWebhook({ webhook_id, ...target }: WebhookIdInput, ctx: ToolContext) {
    const hook = await this.alpacon.get<Webhook>(target, `${HOOKS}${webhook_id}/`, { resource: { what: 'Webhook', id: webhook_id }, signal: ctx.signal });
    return reply(hook, `Webhook ${hook.name}.`);
  }

  @Tool({ name: 'create_webhook', title: 'Create webhook', description: 'Adds a webhook endpoint; subscribe it to events with create_event_subscription.', input: CreateWebhookInput, annotations: Effects.create, searchHint: 'webhook add slack notification' })
  async createWebhook(input: CreateWebhookInput, ctx: ToolContext) {
    const hook = await this.alpacon.post<Webhook>(input, HOOKS, webhookFields(input), { signal: ctx.signal });
    return reply(hook, `Webhook ${hook.name} created (${hook.id}).`);
  }

  @Tool({ name: 'update_webhook', title: 'Update webhook', description: 'Changes only the given fields of a webhook.', input: UpdateWebhookInput, annotations: Effects.update, searchHint: 'webhook edit disable url' })
  async updateWebhook(input: UpdateWebhookInput, ctx: ToolContext) {
    const changes = webhookFields(input);
    if (Object.keys(changes).length === 0) {
      throw new InvalidInputError([{ field: '(arguments)', problems: [`give at least one field to change: ${WEBHOOK_FIELDS.join(', ')}`] }]);
    }
    const hook = await this.alpacon.patch<Webhook>(input, `${HOOKS}${input.webhook_id}/`, changes, { resource: { what: 'Webhook', id: input.webhook_id }, signal: ctx.signal });
    return reply(hook, `Webhook ${hook.name} updated: ${Object.keys(changes).join(', ')}.`);
  }

  @Tool({ name: 'delete_webhook', title: 'Delete webhook', description: 'Deletes a webhook for good. To pause it, update enabled=false.', input: WebhookIdInput, annotations: Effects.destructive, searchHint: 'webhook remove' })
  async deleteWebhook({ webhook_id, ...target }: WebhookIdInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `${HOOKS}${webhook_id}/`, { resource: { what: 'Webhook', id: webhook_id }, signal: ctx.signal });
    return reply({ deleted: true, webhook_id }, `Webhook ${webhook_id} deleted.`);
  }

  @Tool({ name: 'list_event_subscriptions', title: 'List event subscriptions', description: 'Your event subscriptions (channel, event_type, target_id).', input: ListEventSubscriptionsInput, annotations: Effects.read, searchHint: 'event subscription notification' })
  listEventSubscriptions({ fields, page = 1, page_size = 20, ...target }: ListEventSubscriptionsInput, ctx: ToolContext) {
    return this.list(target, SUBSCRIPTIONS, 'subscription', page, page_size, {}, { summary: SUBSCRIPTION_SUMMARY, fields }, ctx);
  }

  @Tool({ name: 'get_event_subscription', title: 'Get event subscription', description: 'One of your event subscriptions. Endpoint unconfirmed.', input: EventSubscriptionIdInput, annotations: Effects.read, searchHint: 'event subscription details' })
  async getEventSubscription({ subscription_id, ...target }: EventSubscriptionIdInput, ctx: ToolContext) {
    const subscription = await this.alpacon.get<Subscription>(target, `${SUBSCRIPTIONS}${subscription_id}/`, { resource: { what: 'Event subscription', id: subscription_id }, signal: ctx.signal });
    return reply(subscription, `Subscription ${subscription.id} to ${subscription.event_type ?? 'events'}.`);
  }

  @Tool({ name: 'create_event_subscription', title: 'Create event subscription', description: 'Sends an event type (command_fin, servers_commit, sudo, ...) to a channel.', input: CreateEventSubscriptionInput, annotations: Effects.create, searchHint: 'event subscribe notify webhook' })
  async createEventSubscription({ channel, event_type, target_id, ...target }: CreateEventSubscriptionInput, ctx: ToolContext) {
    const body = { channel, event_type, ...(target_id === undefined ? {} : { target_id }) };
    const subscription = await this.alpacon.post<Subscription>(target, SUBSCRIPTIONS, body, { signal: ctx.signal });
    return reply(subscription, `Subscribed channel ${channel} to ${event_type} (${subscription.id}).`);
  }

  @Tool({ name: 'delete_event_subscription', title: 'Delete event subscription', description: 'Stops one of your event subscriptions.', input: EventSubscriptionIdInput, annotations: Effects.destructive, searchHint: 'event unsubscribe' })
  async deleteEventSubscription({ subscription_id, ...target }: EventSubscriptionIdInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `${SUBSCRIPTIONS}${subscription_id}/`, { resource: { what: 'Event subscription', id: subscription_id }, signal: ctx.signal });
    return reply({ deleted: true, subscription_id }, `Event subscription ${subscription_id} deleted.`);
  }

  private async list(target: AlpaconTarget, path: string, noun: string, page: number, pageSize: number, query: Query, shape: ItemShape, ctx: ToolContext) {
    const result = await this.alpacon.page<Record<string, unknown>>(target, path, page, pageSize, { query, signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(summarizePage(result, shape.summary, shape.fields), `${result.results.length} of ${result.count} ${noun}(s).${more}`);
  }
}

function webhookFields(input: Partial<Record<(typeof WEBHOOK_FIELDS)[number], unknown>>): Record<string, unknown> {
  return Object.fromEntries(WEBHOOK_FIELDS.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]));
}

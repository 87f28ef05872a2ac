import { principalOf, type SandboxContext } from '../context.js';
import { fieldErrors, notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import { seedWebhooks, type EventSubscription, type Webhook } from '../world/ext-webhooks.js';
import { eventChannels } from '../world/event-channels.js';
import { BodyReader } from './body-reader.js';
import { assignDefined, ExtStore, userSummary } from './ext-common.js';

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const EVENT_TYPES = ['command_fin', 'command_output', 'servers_commit', 'sudo'];

/** Webhooks (`/api/notifications/webhooks/`, CLI) and event subscriptions (`/api/events/subscriptions/`, CLI + MCP). */
export function registerExtWebhooks(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const seed = seedWebhooks(world);
  const webhooks = new ExtStore<Webhook>(seed.webhooks);
  const subscriptions = new ExtStore<EventSubscription>(seed.subscriptions);
  const hookJson = (w: Webhook) => ({ ...w, owner: userSummary(world, w.owner) });
  const base = '/api/notifications/webhooks/';

  const readHook = (reader: BodyReader) => ({
    name: reader.string('name', { required: true, max: 128 }),
    url: reader.string('url', { required: true, max: 2048, pattern: HTTP_URL, patternMessage: 'Enter a valid URL.' }),
    provider: reader.string('provider', { allowBlank: true, max: 32 }),
    ssl_verify: reader.boolean('ssl_verify'),
    enabled: reader.boolean('enabled'),
  });
  const nameTaken = (name: string | undefined, except?: string) => name !== undefined && webhooks.all().some((w) => w.name === name && w.id !== except);

  router.add('GET', base, (req) => {
    const name = req.query.get('name');
    const page = paginate(req, webhooks.all().filter((w) => name === null || name === '' || w.name === name));
    return { status: 200, body: { ...page, results: page.results.map(hookJson) } };
  });
  router.add('GET', `${base}:id/`, (req) => ({ status: 200, body: hookJson(webhooks.find(req.params.id)) }));
  router.add('POST', base, (req) => {
    const reader = new BodyReader(req.body);
    const fields = readHook(reader);
    if (nameTaken(fields.name)) reader.error('name', 'webhook with this name already exists.');
    reader.done();
    const now = new Date().toISOString();
    const hook = webhooks.add({
      id: world.newId(), name: fields.name ?? '', url: fields.url ?? '', provider: fields.provider ?? '', ssl_verify: fields.ssl_verify ?? true,
      enabled: fields.enabled ?? true, owner: principalOf(req).userId, added_at: now, updated_at: now,
    });
    return { status: 201, body: hookJson(hook) };
  });
  router.add('PATCH', `${base}:id/`, (req) => {
    const hook = webhooks.find(req.params.id);
    const reader = new BodyReader(req.body, true);
    const fields = readHook(reader);
    if (nameTaken(fields.name, hook.id)) reader.error('name', 'webhook with this name already exists.');
    reader.done();
    assignDefined(hook, { ...fields, updated_at: new Date().toISOString() });
    return { status: 200, body: hookJson(hook) };
  });
  router.add('DELETE', `${base}:id/`, (req) => {
    const hook = webhooks.find(req.params.id);
    webhooks.delete(hook.id);
    return { status: 204 };
  });

  // Subscriptions belong to the user who made them; others' are invisible (404), as the Python MCP server documents.
  const mine = (userId: string) => subscriptions.all().filter((s) => s.owner === userId);
  const findMine = (id: string, userId: string) => {
    const subscription = subscriptions.find(id);
    if (subscription.owner !== userId) throw notFound();
    return subscription;
  };
  router.add('GET', '/api/events/subscriptions/', (req) => ({ status: 200, body: paginate(req, mine(principalOf(req).userId)) }));
  router.add('GET', '/api/events/subscriptions/:id/', (req) => ({ status: 200, body: findMine(req.params.id, principalOf(req).userId) }));
  router.add('POST', '/api/events/subscriptions/', (req) => {
    const userId = principalOf(req).userId;
    const reader = new BodyReader(req.body);
    const channel = reader.string('channel', { required: true, max: 64 });
    const eventType = reader.string('event_type', { required: true });
    if (eventType !== undefined && !EVENT_TYPES.includes(eventType)) reader.error('event_type', `"${eventType}" is not a valid choice.`);
    const targetId = reader.reference('target_id', () => true);
    reader.done();
    // An events-WebSocket channel takes subscriptions only once connected (CLI api/event/wslistener.go onConnected).
    const live = eventChannels(world).get(channel ?? '');
    if (live !== undefined && (live.userId !== userId || live.socket === undefined)) throw fieldErrors({ channel: ['The channel is not connected.'] });
    if (mine(userId).some((s) => s.channel === channel && s.event_type === eventType && s.target_id === (targetId ?? null))) {
      throw fieldErrors({ non_field_errors: ['The fields channel, event_type, target_id must make a unique set.'] });
    }
    const subscription = subscriptions.add({
      id: world.newId(), channel: channel ?? '', event_type: eventType ?? '', target_id: targetId ?? null, owner: userId, added_at: new Date().toISOString(),
    });
    eventChannels(world).subscribe(subscription.channel, subscription.event_type, subscription.target_id);
    return { status: 201, body: subscription };
  });
  router.add('DELETE', '/api/events/subscriptions/:id/', (req) => {
    const subscription = findMine(req.params.id, principalOf(req).userId);
    eventChannels(world).unsubscribe(subscription.channel, subscription.event_type, subscription.target_id);
    subscriptions.delete(subscription.id);
    return { status: 204 };
  });
}

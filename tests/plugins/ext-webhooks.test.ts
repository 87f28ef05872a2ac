import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

interface Webhook {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  ssl_verify: boolean;
}
interface Subscription {
  id: string;
  channel: string;
  event_type: string;
  target_id: string | null;
}

describe('webhooks plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['webhooks'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });

  it('list_webhooks and get_webhook', async () => {
    t.sandbox.requests.clear();
    const listed = (await t.call('list_webhooks', { ...ws, name: 'ops-alerts' })).data as { count: number; results: Webhook[] };
    expect(listed.results.map((w) => w.name)).toEqual(['ops-alerts']);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/notifications/webhooks/', query: { name: 'ops-alerts', page: '1', page_size: '20' },
    })]);
    t.sandbox.requests.clear();
    const one = await t.call('get_webhook', { ...ws, webhook_id: listed.results[0].id });
    expect(one.data).toMatchObject({ id: listed.results[0].id, provider: 'slack' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: `/api/notifications/webhooks/${listed.results[0].id}/` })]);
    const missing = await t.call('get_webhook', { ...ws, webhook_id: UNKNOWN_ID });
    expect(missing.error?.code).toBe('not_found');
    expect(missing.error?.message).toContain(UNKNOWN_ID);
    await noRequestFor('get_webhook', { webhook_id: 'ops-alerts' });
    await noRequestFor('list_webhooks', { page: 0 });
  });

  it('create, update and delete a webhook', async () => {
    t.sandbox.requests.clear();
    const created = await t.call('create_webhook', { ...ws, name: 'deploys', url: 'https://hooks.example.com/deploys', ssl_verify: false });
    expect(created.error).toBeUndefined();
    const hook = created.data as Webhook;
    expect(hook).toMatchObject({ name: 'deploys', ssl_verify: false, enabled: true });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/notifications/webhooks/', body: { name: 'deploys', url: 'https://hooks.example.com/deploys', ssl_verify: false },
    })]);
    expect((await t.call('create_webhook', { ...ws, name: 'deploys', url: 'https://x.example.com/' })).error?.code).toBe('invalid_input');
    await noRequestFor('create_webhook', { name: 'x', url: 'ftp://example.com/hook' });
    await noRequestFor('create_webhook', { name: '', url: 'https://example.com/hook' });
    await noRequestFor('create_webhook', { name: 'x', url: 'https://example.com/', provider: 'Slack!' });

    t.sandbox.requests.clear();
    const updated = await t.call('update_webhook', { ...ws, webhook_id: hook.id, enabled: false, url: 'https://hooks.example.com/v2' });
    expect(updated.data).toMatchObject({ enabled: false, url: 'https://hooks.example.com/v2' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'PATCH', path: `/api/notifications/webhooks/${hook.id}/`, body: { url: 'https://hooks.example.com/v2', enabled: false },
    })]);
    await noRequestFor('update_webhook', { webhook_id: hook.id });
    await noRequestFor('update_webhook', { webhook_id: hook.id, url: 'not a url' });
    expect((await t.call('update_webhook', { ...ws, webhook_id: UNKNOWN_ID, enabled: true })).error?.code).toBe('not_found');
    expect((await t.call('update_webhook', { ...ws, webhook_id: hook.id, name: 'ops-alerts' })).error?.code).toBe('invalid_input');

    t.sandbox.requests.clear();
    expect((await t.call('delete_webhook', { ...ws, webhook_id: hook.id })).data).toEqual({ deleted: true, webhook_id: hook.id });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/notifications/webhooks/${hook.id}/` })]);
    expect((await t.call('delete_webhook', { ...ws, webhook_id: hook.id })).error?.code).toBe('not_found');
    await noRequestFor('delete_webhook', { webhook_id: 'deploys' });
  });

  it('event subscriptions: list, create, get, delete', async () => {
    const hook = ((await t.call('list_webhooks', ws)).data as { results: Webhook[] }).results[0];
    const server = t.sandbox.world.servers.all()[0];
    t.sandbox.requests.clear();
    const listed = (await t.call('list_event_subscriptions', ws)).data as { count: number; results: Subscription[] };
    expect(listed.results.map((s) => s.event_type)).toEqual(['command_fin']);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/events/subscriptions/', query: { page: '1', page_size: '20' } })]);

    t.sandbox.requests.clear();
    const created = await t.call('create_event_subscription', { ...ws, channel: hook.id, event_type: 'sudo', target_id: server.id });
    expect(created.error).toBeUndefined();
    const subscription = created.data as Subscription;
    expect(subscription).toMatchObject({ channel: hook.id, event_type: 'sudo', target_id: server.id });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/events/subscriptions/', body: { channel: hook.id, event_type: 'sudo', target_id: server.id },
    })]);
    const duplicate = await t.call('create_event_subscription', { ...ws, channel: hook.id, event_type: 'sudo', target_id: server.id });
    expect(duplicate.error?.code).toBe('invalid_input');
    await noRequestFor('create_event_subscription', { channel: hook.id, event_type: 'server_down' });
    await noRequestFor('create_event_subscription', { channel: 'a b', event_type: 'sudo' });
    await noRequestFor('create_event_subscription', { channel: hook.id, event_type: 'sudo', target_id: 'web-01' });

    t.sandbox.requests.clear();
    const one = await t.call('get_event_subscription', { ...ws, subscription_id: subscription.id });
    expect((one.data as Subscription).id).toBe(subscription.id);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: `/api/events/subscriptions/${subscription.id}/` })]);
    expect((await t.call('get_event_subscription', { ...ws, subscription_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('get_event_subscription', { subscription_id: 'x' });

    t.sandbox.requests.clear();
    expect((await t.call('delete_event_subscription', { ...ws, subscription_id: subscription.id })).data).toEqual({ deleted: true, subscription_id: subscription.id });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/events/subscriptions/${subscription.id}/` })]);
    expect((await t.call('delete_event_subscription', { ...ws, subscription_id: subscription.id })).error?.code).toBe('not_found');
    await noRequestFor('delete_event_subscription', { subscription_id: '' });
  });

  it('annotations', async () => {
    const tools = (await t.client.listTools()).tools;
    const hints = Object.fromEntries(tools.map((tool) => [tool.name, [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint, tool.annotations?.idempotentHint]]));
    const read = [true, false, true];
    expect(hints).toEqual({
      list_webhooks: read, get_webhook: read, create_webhook: [false, false, false], update_webhook: [false, true, true], delete_webhook: [false, true, false],
      list_event_subscriptions: read, get_event_subscription: read, create_event_subscription: [false, false, false], delete_event_subscription: [false, true, false],
    });
  });
});

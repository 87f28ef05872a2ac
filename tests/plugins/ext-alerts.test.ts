import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

interface Alert {
  id: string;
  status: string;
  muted_until: string | null;
  server: { id: string };
}

describe('alerts plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['alerts'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });

  it('list_alerts filters by server and status', async () => {
    const server = t.sandbox.world.servers.all()[0];
    t.sandbox.requests.clear();
    const result = await t.call('list_alerts', { ...ws, server_id: server.id, status: 'firing', acknowledged: false, page_size: 5, fields: ['server'] });
    expect(result.error).toBeUndefined();
    const page = result.data as { count: number; results: Alert[] };
    expect(page.count).toBe(1);
    expect(page.results[0]).toMatchObject({ status: 'firing', server: { id: server.id } });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/alerts/', query: { server: server.id, status: 'firing', acknowledged: 'false', page: '1', page_size: '5' },
    })]);
    await noRequestFor('list_alerts', { server_id: 'web-01' });
    await noRequestFor('list_alerts', { page_size: 101 });
  });

  it('get_alert returns one alert; unknown id is not_found; bad id sends nothing', async () => {
    const first = ((await t.call('list_alerts', ws)).data as { results: Alert[] }).results[0];
    t.sandbox.requests.clear();
    const result = await t.call('get_alert', { ...ws, alert_id: first.id });
    expect((result.data as Alert).id).toBe(first.id);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: `/api/alerts/${first.id}/` })]);
    const missing = await t.call('get_alert', { ...ws, alert_id: UNKNOWN_ID });
    expect(missing.error?.code).toBe('not_found');
    expect(missing.error?.message).toContain(UNKNOWN_ID);
    await noRequestFor('get_alert', { alert_id: 'nope' });
  });

  it('mute_alert posts the duration and the alert comes back muted', async () => {
    const first = ((await t.call('list_alerts', ws)).data as { results: Alert[] }).results[0];
    t.sandbox.requests.clear();
    const result = await t.call('mute_alert', { ...ws, alert_id: first.id, duration: 30 });
    expect(result.error).toBeUndefined();
    expect((result.data as Alert).muted_until).not.toBeNull();
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path: `/api/alerts/${first.id}/mute/`, body: { duration: 30 } })]);
    expect((await t.call('mute_alert', { ...ws, alert_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('mute_alert', { alert_id: first.id, duration: 0 });
  });

  it('create, update and delete an alert rule', async () => {
    const server = t.sandbox.world.servers.all()[1];
    t.sandbox.requests.clear();
    const created = await t.call('create_alert_rule', {
      ...ws, name: 'Load', metric_type: 'cpu', condition: 'gt', threshold: 70, servers: [server.id], description: 'busy',
    });
    expect(created.error).toBeUndefined();
    const rule = created.data as { id: string; enabled: boolean; threshold: number };
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/metrics/alert-rules/',
      body: { name: 'Load', metric_type: 'cpu', condition: 'gt', threshold: 70, servers: [server.id], description: 'busy' },
    })]);
    expect(t.sandbox.world.alertRules.get(rule.id)).toMatchObject({ name: 'Load', enabled: true });

    t.sandbox.requests.clear();
    const updated = await t.call('update_alert_rule', { ...ws, rule_id: rule.id, enabled: false, threshold: 75 });
    expect(updated.data).toMatchObject({ enabled: false, threshold: 75 });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'PATCH', path: `/api/metrics/alert-rules/${rule.id}/`, body: { threshold: 75, enabled: false },
    })]);

    t.sandbox.requests.clear();
    const deleted = await t.call('delete_alert_rule', { ...ws, rule_id: rule.id });
    expect(deleted.data).toEqual({ deleted: true, rule_id: rule.id });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/metrics/alert-rules/${rule.id}/` })]);
    expect(t.sandbox.world.alertRules.get(rule.id)).toBeUndefined();
  });

  it('rule tools: validation sends nothing, API errors are typed', async () => {
    await noRequestFor('create_alert_rule', { name: 'x', metric_type: 'heat', condition: 'gt', threshold: 1 });
    await noRequestFor('create_alert_rule', { metric_type: 'cpu', condition: 'gt', threshold: 1 });
    await noRequestFor('update_alert_rule', { rule_id: UNKNOWN_ID });
    await noRequestFor('delete_alert_rule', { rule_id: 'x' });
    expect((await t.call('update_alert_rule', { ...ws, rule_id: UNKNOWN_ID, enabled: true })).error?.code).toBe('not_found');
    expect((await t.call('delete_alert_rule', { ...ws, rule_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    const bad = await t.call('create_alert_rule', { ...ws, name: 'x', metric_type: 'cpu', condition: 'gt', threshold: 150 });
    expect(bad.error?.code).toBe('invalid_input');
  });

  it('tools carry the right annotations', async () => {
    const tools = (await t.client.listTools()).tools;
    const hints = Object.fromEntries(tools.map((tool) => [tool.name, [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint, tool.annotations?.idempotentHint]]));
    expect(hints).toEqual({
      list_alerts: [true, false, true], get_alert: [true, false, true], mute_alert: [false, true, true],
      create_alert_rule: [false, false, false], update_alert_rule: [false, true, true], delete_alert_rule: [false, true, false],
    });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

const EVENTS = '/api/events/events/';

interface EventView {
  id: string;
  server_id: string | null;
  server_name: string | null;
  reporter: string | null;
  record: string | null;
  description: string | null;
  added_at: string | null;
}

interface EventList {
  count: number;
  events: EventView[];
}

describe('events plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['events'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterEach(() => {
    t.sandbox.faults.clear();
    t.sandbox.access.mfaRequired = false;
  });
  afterAll(async () => t.close());

  describe('list_events', () => {
    it('lists the newest events with the server flattened', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('list_events', { ...ws, limit: 5, fields: ['server_id'] });
      expect(result.error).toBeUndefined();
      const data = result.data as EventList;
      expect(data.events).toHaveLength(5);
      expect(data.count).toBe(t.sandbox.world.events.all().length);
      const dates = data.events.map((e) => e.added_at ?? '');
      expect([...dates].sort().reverse()).toEqual(dates);
      expect(data.events[0].server_name).toBe(t.sandbox.world.servers.get(data.events[0].server_id ?? '')?.name);
      const sent = t.sandbox.requests.all();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ method: 'GET', path: EVENTS, query: { ordering: '-added_at', page: '1', page_size: '5' } });
    });

    it('filters by server_id and reporter', async () => {
      const sample = t.sandbox.world.events.all()[0];
      t.sandbox.requests.clear();
      const result = await t.call('list_events', { ...ws, server_id: sample.server, reporter: sample.reporter, fields: ['*'] });
      const data = result.data as EventList;
      expect(data.events.length).toBeGreaterThan(0);
      expect(data.events.every((e) => e.server_id === sample.server && e.reporter === sample.reporter)).toBe(true);
      expect(t.sandbox.requests.all()[0].query).toEqual({
        server: sample.server, reporter: sample.reporter, ordering: '-added_at', page: '1', page_size: '20',
      });
    });

    it('refuses bad arguments before sending anything', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('list_events', { ...ws, server_id: 'srv-1', limit: 0, reporter: '' });
      expect(result.error?.code).toBe('invalid_input');
      const fields = (result.error?.details?.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['limit', 'reporter', 'server_id']);
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('MFA required maps to mfa_required', async () => {
      t.sandbox.access.mfaRequired = true;
      const result = await t.call('list_events', { ...ws });
      expect(result.error?.code).toBe('mfa_required');
    });
  });

  describe('search_events', () => {
    it('sends search_query as search and returns matches', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('search_events', { ...ws, search_query: 'Disk usage', limit: 10 });
      expect(result.error).toBeUndefined();
      const data = result.data as EventList;
      expect(data.events.length).toBeGreaterThan(0);
      expect(data.events.every((e) => e.description?.includes('Disk usage'))).toBe(true);
      expect(t.sandbox.requests.all()[0]).toMatchObject({
        method: 'GET', path: EVENTS, query: { search: 'Disk usage', ordering: '-added_at', page: '1', page_size: '10' },
      });
    });

    it('narrows to one server', async () => {
      const sample = t.sandbox.world.events.all()[0];
      const result = await t.call('search_events', { ...ws, search_query: sample.record, server_id: sample.server, fields: ['server_id'] });
      const data = result.data as EventList;
      expect(data.events.map((e) => e.id)).toContain(sample.id);
      expect(data.events.every((e) => e.server_id === sample.server)).toBe(true);
    });

    it('refuses a missing search_query before sending anything', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('search_events', { ...ws, limit: 500 });
      expect(result.error?.code).toBe('invalid_input');
      const fields = (result.error?.details?.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['limit', 'search_query']);
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('a persistent 5xx becomes unavailable after the client retries', async () => {
      t.sandbox.faults.add({ kind: 'error5xx', method: 'GET', pathPrefix: EVENTS, status: 502 });
      t.sandbox.requests.clear();
      const result = await t.call('search_events', { ...ws, search_query: 'nginx' });
      expect(result.error?.code).toBe('unavailable');
      expect(t.sandbox.requests.count({ method: 'GET', path: EVENTS })).toBe(3);
    }, 15_000);
  });

  describe('get_event', () => {
    it('reads one event by id', async () => {
      const sample = t.sandbox.world.events.all()[3];
      t.sandbox.requests.clear();
      const result = await t.call('get_event', { ...ws, event_id: sample.id });
      expect(result.data).toEqual({
        id: sample.id, server_id: sample.server, server_name: t.sandbox.world.servers.get(sample.server)?.name,
        reporter: sample.reporter, record: sample.record, description: sample.description, count: null, added_at: sample.added_at,
      });
      expect(t.sandbox.requests.all().map((r) => [r.method, r.path])).toEqual([['GET', `${EVENTS}${sample.id}/`]]);
    });

    it('refuses a bad id before sending anything', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('get_event', { ...ws, event_id: '../1' });
      expect(result.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('an unknown id is not_found naming it', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('get_event', { ...ws, event_id: UNKNOWN_ID });
      expect(result.error?.code).toBe('not_found');
      expect(result.error?.details).toEqual({ event: UNKNOWN_ID });
      // One look at the list decides whether this server addresses events by id at all (the 2024 server lists none).
      expect(t.sandbox.requests.all().map((r) => [r.method, r.path, r.status])).toEqual([['GET', `${EVENTS}${UNKNOWN_ID}/`, 404], ['GET', EVENTS, 200]]);
    });
  });
});

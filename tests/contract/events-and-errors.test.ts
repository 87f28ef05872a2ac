import { expect, it } from '@jest/globals';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { connect, type Connected } from '../helpers/in-process.js';
import { describeGenerations, sandboxGet } from './generations.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

/**
 * Events and error mapping against both server generations. Each fixture names the section-0 fact of
 * shared/alpacon-api.md and the official file it encodes (CLI = alpacax/alpacon-cli, SRV = alpacanetworks/alpacon-server).
 */
interface EventList {
  count: number;
  events: { id: string | null; record: string | null; server_id: string | null; added_at: string | null; description: string | null }[];
  note?: string;
}

describeGenerations('events tools', (g) => {
  it('list_events works: ids and added_at on today\'s service, neither on the 2024 server (which says so)', async () => {
    // Fact "events" — SRV events/api/serializers.py EventListSerializer: server, record, count, reporter, description.
    const raw = await sandboxGet(g.mcp().sandbox, '/api/events/events/?page_size=1');
    const first = (raw.body as { results: Record<string, unknown>[] }).results[0];
    const result = await g.mcp().call('list_events', { limit: 5, fields: ['server_id'] });
    expect(result.ok).toBe(true);
    const data = result.data as EventList;
    expect(data.events).toHaveLength(5);
    expect(data.events.every((e) => typeof e.record === 'string' && typeof e.server_id === 'string')).toBe(true);
    if (g.generation === 'current') {
      expect(first).toHaveProperty('id');
      expect(data.events.every((e) => typeof e.id === 'string' && typeof e.added_at === 'string')).toBe(true);
      expect(data.note).toBeUndefined();
    } else {
      expect(Object.keys(first).sort()).toEqual(['count', 'description', 'record', 'reporter', 'server']);
      expect(data.events.every((e) => e.id === null && e.added_at === null)).toBe(true);
      expect(data.note).toContain('get_event cannot address single events');
    }
  });

  it('search_events works on both', async () => {
    // Fact "events" — SRV events/api/views.py EventViewSet.search_fields (record, description, reporter, server).
    const { sandbox } = g.mcp();
    const event = sandbox.world.events.all()[0];
    const result = await g.mcp().call('search_events', { search_query: event.record, limit: 100 });
    expect(result.ok).toBe(true);
    expect((result.data as EventList).events.some((e) => e.record === event.record)).toBe(true);
  });

  it('get_event: found by id on today\'s service; on the 2024 server an unknown id says single events cannot be addressed', async () => {
    // Fact "events" (no id on the 2024 server) — SRV events/api/serializers.py.
    const { sandbox } = g.mcp();
    const known = sandbox.world.events.all()[0];
    const found = await g.mcp().call('get_event', { event_id: known.id });
    expect(found.data).toMatchObject({ id: known.id, record: known.record });
    const missing = await g.mcp().call('get_event', { event_id: UNKNOWN_ID });
    expect(missing.error?.code).toBe('not_found');
    if (g.generation === '2024') expect(missing.error?.hint).toContain('cannot address single events');
    else expect(missing.error?.hint ?? '').not.toContain('cannot address single events');
  });
});

describeGenerations('errors from real bodies', (g) => {
  const connectWith = async (key: string): Promise<Connected> => {
    const { sandbox } = g.mcp();
    return connect({
      rc: { plugins: ['all'] },
      env: { [tokenEnvName(sandbox.region, sandbox.workspace)]: key },
      overrides: { baseUrl: sandbox.url, defaultWorkspace: sandbox.workspace },
    });
  };

  it('a bad credential means "replace the token", never "ask for a bigger role"', async () => {
    // Fact "errors": 401 (CLI api/client.go, §3) on today's service; 403 "Authentication credentials were not provided."
    // on the 2024 server (SRV alpacon/settings.py: SessionAuthentication first; api/apitoken/auth.py returns None).
    const raw = await fetch(`${g.mcp().sandbox.url}/api/servers/servers/`, { headers: { Authorization: 'token="not-a-token"' } });
    expect(raw.status).toBe(g.pick({ current: 401, '2024': 403 }));
    if (g.generation === '2024') expect(await raw.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const wrong = await connectWith('not-a-token');
    try {
      const result = await wrong.call('list_servers', {});
      expect(result.error).toMatchObject({ code: 'unauthorized', status: g.pick({ current: 401, '2024': 403 }) });
      expect(result.error?.hint).toContain('A bigger role will not help');
      expect(result.error?.hint).not.toMatch(/required role/);
    } finally {
      await wrong.close();
    }
  });

  it('a command-ACL refusal is acl_denied on both: 403 api_token_acl_not_allowed today, 400 {"line":["Permission denied"]} in 2024', async () => {
    // Fact "errors" — CLI §3 api_token_acl_not_allowed; SRV events/api/serializers.py CommandCreateSerializer.validate_line.
    const { sandbox } = g.mcp();
    const restricted = sandbox.addToken({ acl: { commands: ['uptime'] } });
    const limited = await connectWith(restricted.key);
    try {
      sandbox.requests.clear();
      const result = await limited.call('execute_command_sync', { server_id: sandbox.world.servers.all()[0].id, command: 'rm -rf /tmp/x' });
      expect(result.error).toMatchObject({ code: 'acl_denied', status: g.pick({ current: 403, '2024': 400 }) });
      const refused = sandbox.requests.filter({ method: 'POST', path: '/api/events/commands/' })[0];
      expect(refused.status).toBe(g.pick({ current: 403, '2024': 400 }));
      expect((await limited.call('execute_command_sync', { server_id: sandbox.world.servers.all()[0].id, command: 'uptime' })).ok).toBe(true);
    } finally {
      await limited.close();
    }
  });

  it('a missing required argument says "is required" and nothing else about it', async () => {
    // Project rule (issue 14 point 4); checked before any request.
    const result = await g.mcp().call('execute_command_sync', { command: 'uptime' });
    expect(result.error?.code).toBe('invalid_input');
    expect(result.error?.details?.fields).toEqual([{ field: 'server_id', problems: ['is required'] }]);
  });
});

import { expect, it } from '@jest/globals';
import { describeGenerations } from './generations.js';

/**
 * System information against both server generations (shared/alpacon-api.md section 0):
 * - "OS users/groups": the 2024 server lists only accounts linked to Alpacon users/groups and has no `login_enabled`
 *   filter (alpacanetworks/alpacon-server proc/api/views.py SystemUserViewSet/SystemGroupViewSet get_queryset, filterset_fields).
 * - "/api/proc/time/": `datetime`, `uptime` are write-only, answers carry `timezone`, `boot_time` (proc/api/serializers.py).
 * - "unknown server filter": 400 {"server":["Select a valid choice..."]} from django-filter → not_found.
 * - no `/api/proc/disks/` or `/partitions/` in 2024 (proc/api/urls.py) → unsupported.
 */
const UNKNOWN = '00000000-0000-4000-8000-00000000beef';

describeGenerations('sysinfo contract', ({ generation, mcp, pick }) => {
  const server = () => mcp().sandbox.world.servers.all()[0].id;
  const call = (tool: string, args: Record<string, unknown>) => mcp().call(tool, { workspace: mcp().sandbox.workspace, server_id: server(), ...args });

  it('list_system_users: every account, or in 2024 only those linked to an Alpacon user', async () => {
    const outcome = await call('list_system_users', {});
    expect(outcome.error).toBeUndefined();
    const users = (outcome.data as { users: Record<string, unknown>[] }).users;
    expect(users.length).toBeGreaterThan(0);
    const names = users.map((u) => u.username);
    if (generation === '2024') {
      expect(users.every((u) => typeof u.iam_user === 'string')).toBe(true);
      expect(names).not.toContain('root');
    } else {
      expect(names).toContain('root');
    }
  });

  it('list_system_users with login_enabled: filtered where the server can, a note where it cannot', async () => {
    const outcome = await call('list_system_users', { login_enabled: false });
    expect(outcome.error).toBeUndefined();
    const data = outcome.data as { users: { login_enabled?: boolean }[]; note?: string };
    if (generation === '2024') expect(data.note).toContain('ignores login_enabled');
    else {
      expect(data.users.every((u) => u.login_enabled === false)).toBe(true);
      expect(data.note).toBeUndefined();
    }
  });

  it('list_system_groups: in 2024 only groups linked to an Alpacon group', async () => {
    const outcome = await call('list_system_groups', {});
    expect(outcome.error).toBeUndefined();
    const groups = (outcome.data as { groups: Record<string, unknown>[] }).groups;
    if (generation === '2024') expect(groups.every((g) => typeof g.iam_group === 'string')).toBe(true);
    else expect(groups.map((g) => g.groupname)).toContain('root');
  });

  it('get_system_time answers what the server sends: 2024 only timezone and boot_time', async () => {
    const outcome = await call('get_system_time', {});
    expect(outcome.error).toBeUndefined();
    const time = outcome.data as Record<string, unknown>;
    expect(time).toMatchObject({ timezone: expect.any(String), boot_time: expect.any(String) });
    expect('uptime' in time).toBe(pick({ current: true, '2024': false }));
    expect('datetime' in time).toBe(pick({ current: true, '2024': false }));
  });

  it('get_system_info, get_os_version and get_network_interfaces work (2024 answers pages; no loopback MAC there)', async () => {
    for (const tool of ['get_system_info', 'get_os_version']) expect((await call(tool, {})).error).toBeUndefined();
    const interfaces = await call('get_network_interfaces', {});
    const names = (interfaces.data as { interfaces: { name: string }[] }).interfaces.map((i) => i.name);
    expect(names).toContain('eth0');
    expect(names.includes('lo')).toBe(generation === 'current');
  });

  it('get_disk_info: disks and partitions, or unsupported on the 2024 server', async () => {
    const outcome = await call('get_disk_info', {});
    if (generation === '2024') expect(outcome.error?.code).toBe('unsupported');
    else expect(outcome.error).toBeUndefined();
  });

  it('an unknown server is not_found naming it, whatever the generation answers (404 or a django-filter 400)', async () => {
    const { sandbox } = mcp();
    sandbox.requests.clear();
    const outcome = await call('list_system_users', { server_id: UNKNOWN });
    expect(outcome.error).toMatchObject({ code: 'not_found', details: { server: UNKNOWN } });
    expect(sandbox.requests.filter({ path: '/api/proc/users/' }).map((r) => r.status)).toEqual([pick({ current: 404, '2024': 400 })]);
    if (generation === '2024') {
      const raw = await fetch(`${sandbox.url}/api/proc/users/?server=${UNKNOWN}`, { headers: { authorization: `token="${sandbox.token}"` } });
      expect(await raw.json()).toEqual({ server: ['Select a valid choice. That choice is not one of the available choices.'] });
    }
  });
});

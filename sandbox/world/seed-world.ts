import type { AlertRule, ApiToken, EventRecord, Group, Membership, Note, ServerRecord, WorkspaceUser } from './models.js';
import { Prng, hashString } from './prng.js';

/** Static entities are dated relative to this fixed instant so the world is identical for a seed. */
export const WORLD_EPOCH = Date.UTC(2026, 0, 1);

const ROLES = ['web', 'db', 'api', 'cache', 'worker', 'lb', 'mon', 'batch'] as const;
const OSES = [
  { name: 'Ubuntu', version: '22.04', platform: 'ubuntu' },
  { name: 'Ubuntu', version: '24.04', platform: 'ubuntu' },
  { name: 'Debian GNU/Linux', version: '12', platform: 'debian' },
  { name: 'Rocky Linux', version: '9.3', platform: 'rocky' },
] as const;
const CPUS = ['Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz', 'AMD EPYC 7R13 Processor', 'Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz'];
const EVENT_KINDS = [
  { reporter: 'alpamon', record: 'agent_connected', description: 'Alpamon agent connected' },
  { reporter: 'system', record: 'package_installed', description: 'Package nginx 1.24.0 installed' },
  { reporter: 'security', record: 'user_login', description: 'User alice logged in via Websh' },
  { reporter: 'system', record: 'disk_warning', description: 'Disk usage on / above 80%' },
  { reporter: 'system', record: 'service_restarted', description: 'Service cron restarted' },
  { reporter: 'alpamon', record: 'agent_upgraded', description: 'Alpamon agent upgraded to 1.4.2' },
] as const;

export interface SeedOptions {
  seed: number;
  servers: number;
  token: string;
}

export interface SeededWorld {
  users: WorkspaceUser[];
  groups: Group[];
  memberships: Membership[];
  servers: ServerRecord[];
  notes: Note[];
  events: EventRecord[];
  tokens: ApiToken[];
  alertRules: AlertRule[];
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function makeUser(prng: Prng, index: number, username: string, first: string, last: string, staff: boolean, active = true): WorkspaceUser {
  return {
    id: prng.uuid(), username, first_name: first, last_name: last, email: `${username}@sandbox.alpacon.local`, phone: '',
    tags: '', description: '', shell: '/bin/bash', uid: 2000 + index, is_active: active, is_staff: staff,
    is_superuser: false, is_ldap_user: false, date_joined: iso(WORLD_EPOCH - (400 - index * 30) * 86_400_000),
  };
}

function serverName(index: number, total: number): string {
  const width = Math.max(2, String(Math.ceil(total / ROLES.length)).length);
  const number = Math.floor(index / ROLES.length) + 1;
  return `${ROLES[index % ROLES.length]}-${String(number).padStart(width, '0')}`;
}

export function seedWorld(options: SeedOptions): SeededWorld {
  const prng = new Prng(options.seed);
  const users = [
    makeUser(prng, 0, 'sandbox-admin', 'Sandbox', 'Admin', true),
    makeUser(prng, 1, 'alice', 'Alice', 'Kim', false),
    makeUser(prng, 2, 'bob', 'Bob', 'Lee', false),
    makeUser(prng, 3, 'carol', 'Carol', 'Park', true),
    makeUser(prng, 4, 'erin', 'Erin', 'Choi', false, false),
  ];
  const [admin, alice, bob, carol] = users;
  const groupSpecs = [
    { name: 'admins', members: [admin, carol] },
    { name: 'developers', members: [alice, bob] },
    { name: 'operators', members: [carol, admin, alice] },
  ];
  const groups: Group[] = groupSpecs.map((g, i) => ({
    id: prng.uuid(), name: g.name, display_name: g.name[0].toUpperCase() + g.name.slice(1), description: `The ${g.name} team`,
    tags: '', gid: 3000 + i, is_ldap_group: false, servers: [], added_at: iso(WORLD_EPOCH - 300 * 86_400_000),
    updated_at: iso(WORLD_EPOCH - 10 * 86_400_000),
  }));
  const memberships: Membership[] = groupSpecs.flatMap((g, i) =>
    g.members.map((m, j) => ({ id: prng.uuid(), group: groups[i].id, user: m.id, role: j === 0 ? 'owner' : 'member' })),
  );

  const servers: ServerRecord[] = [];
  for (let i = 0; i < options.servers; i++) {
    const os = prng.pick(OSES);
    const cores = prng.pick([2, 4, 8, 16]);
    const disconnected = options.servers > 1 && (i === options.servers - 1 || (options.servers >= 10 && i === 3 + (options.seed % 5)));
    const group = groups[i % groups.length];
    const id = prng.uuid();
    group.servers.push(id);
    servers.push({
      id, name: serverName(i, options.servers), remote_ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}`,
      is_connected: !disconnected, commissioned: true, starred: false, cpu_physical_cores: cores, cpu_logical_cores: cores * 2,
      cpu_type: prng.pick(CPUS), physical_memory: prng.pick([4, 8, 16, 32, 64]) * 1024 ** 3, os_name: os.name,
      os_version: os.version, os_platform: os.platform, load: Math.round(prng.float() * cores * 50) / 100,
      boot_time: iso(WORLD_EPOCH - prng.int(1, 90) * 86_400_000 - prng.int(0, 86_399) * 1000),
      added_at: iso(WORLD_EPOCH - prng.int(100, 700) * 86_400_000), owner: admin.id, groups: [group.id],
      busyWithUserWork: false, seed: hashString(`${options.seed}:${id}`), delay: Math.round(prng.float() * 80 + 5) / 1000,
    });
  }

  const notes: Note[] = [];
  const events: EventRecord[] = [];
  for (const server of servers) {
    if (prng.float() < 0.5) {
      notes.push({
        id: prng.uuid(), server: server.id, author: prng.pick([admin, alice, carol]).id,
        content: `${server.name}: ${prng.pick(['maintenance window Sundays 02:00 KST', 'owned by the platform team', 'do not reboot during business hours'])}`,
        private: false, pinned: prng.float() < 0.3, added_at: iso(WORLD_EPOCH - prng.int(1, 60) * 86_400_000),
      });
    }
    for (let k = 0; k < 3; k++) {
      const kind = prng.pick(EVENT_KINDS);
      events.push({ id: prng.uuid(), server: server.id, ...kind, added_at: iso(WORLD_EPOCH - prng.int(0, 30 * 86_400) * 1000) });
    }
  }
  events.sort((a, b) => b.added_at.localeCompare(a.added_at));

  const tokens: ApiToken[] = [{
    id: prng.uuid(), name: 'sandbox', key: options.token, user: admin.id, enabled: true, scopes: ['*:*'], expires_at: null,
    updated_at: iso(WORLD_EPOCH), acl: {},
  }];
  const alertRules: AlertRule[] = [
    { name: 'High CPU', metric_type: 'cpu', condition: 'gt', threshold: 90, description: 'CPU above 90% for 5 minutes' },
    { name: 'Memory pressure', metric_type: 'memory', condition: 'gt', threshold: 85, description: 'Memory above 85%' },
    { name: 'Disk almost full', metric_type: 'disk-usage', condition: 'gte', threshold: 90, description: 'A partition above 90%' },
  ].map((rule, i) => ({
    id: prng.uuid(), ...rule, enabled: i !== 2, servers: [], notification_channels: [],
    added_at: iso(WORLD_EPOCH - 50 * 86_400_000), updated_at: iso(WORLD_EPOCH - 5 * 86_400_000),
  }));
  return { users, groups, memberships, servers, notes, events, tokens, alertRules };
}

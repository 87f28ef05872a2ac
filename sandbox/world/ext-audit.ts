import { Prng } from './prng.js';
import { iso, WORLD_EPOCH } from './seed-world.js';
import type { World } from './world.js';

/** `/api/audit/activity/` entry, fields from alpacon-cli api/audit/types.go (`user` is expanded by the route). */
export interface ActivityLog {
  id: string;
  user: string;
  username: string;
  ip: string;
  app: string;
  action: string;
  model: string;
  status_code: number;
  description: string;
  added_at: string;
}

/** `/api/history/logs/` entry (alpamon's own log), fields from alpacon-cli api/log/types.go. */
export interface ServerLog {
  id: number;
  server: string;
  added_at: string;
  date: string;
  program: string;
  level: number;
  name: string;
  path: string;
  lineno: number;
  pid: number;
  tid: number;
  process: string;
  thread: string;
  msg: string;
}

/** `/api/history/webftp-logs/` entry, fields from ../shared/alpacon-api.md §2.5. */
export interface WebFtpLog {
  id: string;
  server: string;
  user: string;
  file_name: string;
  action: 'upload' | 'download';
  size: number;
  success: boolean;
  remote_ip: string;
  message: string;
  added_at: string;
}

export interface AuditSeed {
  activity: ActivityLog[];
  serverLogs: ServerLog[];
  webftpLogs: WebFtpLog[];
}

const ACTIVITIES = [
  { app: 'servers', action: 'update', model: 'server', description: 'Updated server settings' },
  { app: 'events', action: 'create', model: 'command', description: 'Ran a command' },
  { app: 'iam', action: 'create', model: 'user', description: 'Created a user' },
  { app: 'websh', action: 'create', model: 'session', description: 'Opened a Websh session' },
  { app: 'auth', action: 'login', model: 'user', description: 'Logged in' },
] as const;
const LOG_LINES = [
  { level: 20, name: 'alpamon.runner', msg: 'Command finished' },
  { level: 20, name: 'alpamon.collector', msg: 'Metrics sent' },
  { level: 30, name: 'alpamon.ws', msg: 'Websocket reconnecting' },
  { level: 40, name: 'alpamon.pkg', msg: 'Package index refresh failed' },
] as const;

/** Deterministic history, newest first: 30 activity entries, 8 alpamon log lines per server (first 3), 6 WebFTP transfers. */
export function seedAudit(world: World): AuditSeed {
  const prng = new Prng(world.seed ^ 0xa0d1);
  const users = world.users.all();
  const servers = world.servers.all().slice(0, 3);
  const at = (minutesAgo: number) => iso(WORLD_EPOCH - minutesAgo * 60_000);
  const activity = Array.from({ length: 30 }, (_, i): ActivityLog => {
    const user = users[i % users.length];
    const kind = ACTIVITIES[i % ACTIVITIES.length];
    return {
      id: prng.uuid(), user: user.id, username: user.username, ip: `10.0.0.${10 + (i % 5)}`, ...kind,
      status_code: i % 7 === 6 ? 403 : kind.action === 'create' ? 201 : 200, added_at: at(i * 17 + 1),
    };
  });
  let logId = 1000;
  const serverLogs = servers.flatMap((server, s) => Array.from({ length: 8 }, (_, i): ServerLog => {
    const line = LOG_LINES[(i + s) % LOG_LINES.length];
    const date = at(i * 11 + s);
    return {
      id: logId++, server: server.id, added_at: date, date, program: 'alpamon', ...line, path: `/usr/lib/alpamon/${line.name.split('.')[1]}.go`,
      lineno: prng.int(10, 400), pid: 700 + s, tid: 700 + s + i, process: 'alpamon', thread: 'main',
    };
  }));
  const webftpLogs = Array.from({ length: 6 }, (_, i): WebFtpLog => {
    const upload = i % 2 === 0;
    return {
      id: prng.uuid(), server: servers[i % servers.length]?.id ?? '', user: users[i % users.length].id,
      file_name: upload ? `/home/deploy/release-${i}.tar.gz` : `/var/log/app-${i}.log`, action: upload ? 'upload' : 'download',
      size: prng.int(1_000, 5_000_000), success: i !== 3, remote_ip: '203.0.113.7', message: i === 3 ? 'Permission denied' : '',
      added_at: at(i * 45 + 5),
    };
  });
  return { activity, serverLogs, webftpLogs };
}

import type { Builtin, HostInfo } from './shell-types.js';
import { uidOf } from './shell-types.js';

/** System-information commands of the simulated shell; numbers derive from the host's seed, so they are stable. */

/** A fraction in [0, 1) from the seed and a salt (a tiny integer hash, deterministic across runs). */
export function seededFraction(seed: number, salt: number): number {
  let value = (seed ^ (salt * 0x9e3779b1)) >>> 0;
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b) >>> 0;
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35) >>> 0;
  return ((value ^ (value >>> 16)) >>> 0) / 2 ** 32;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number): string => String(value).padStart(2, '0');

export function formatDate(now: Date, format?: string): string {
  if (format !== undefined) {
    const fields: Record<string, string> = {
      Y: String(now.getUTCFullYear()), m: two(now.getUTCMonth() + 1), d: two(now.getUTCDate()), H: two(now.getUTCHours()),
      M: two(now.getUTCMinutes()), S: two(now.getUTCSeconds()), s: String(Math.floor(now.getTime() / 1000)), Z: 'UTC', z: '+0000',
      F: now.toISOString().slice(0, 10), T: now.toISOString().slice(11, 19), '%': '%',
    };
    return format.replace(/%([A-Za-z%])/g, (match, key: string) => fields[key] ?? match);
  }
  const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
  return `${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${String(now.getUTCDate()).padStart(2, ' ')} ${time} UTC ${now.getUTCFullYear()}`;
}

function human(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? String(value) : `${value < 10 ? value.toFixed(1) : Math.round(value)}${units[unit]}`;
}

function loadAverages(host: HostInfo): string {
  return [1, 2, 3].map((salt) => (seededFraction(host.seed, salt) * host.cpuCores * 0.5).toFixed(2)).join(', ');
}

const uname: Builtin = ({ args, host, out }) => {
  const fields = { s: 'Linux', n: host.hostname, r: host.kernel, v: '#1 SMP PREEMPT_DYNAMIC', m: 'x86_64', o: 'GNU/Linux' };
  if (args.includes('-a')) {
    out(`${fields.s} ${fields.n} ${fields.r} ${fields.v} ${fields.m} ${fields.m} ${fields.m} ${fields.o}\n`);
    return 0;
  }
  const wanted = args.flatMap((arg) => [...arg.replace(/^-/, '')]).filter((key): key is keyof typeof fields => key in fields);
  out(`${(wanted.length > 0 ? wanted : (['s'] as const)).map((key) => fields[key]).join(' ')}\n`);
  return 0;
};

const df: Builtin = ({ args, host, out }) => {
  const used = Math.floor(host.diskBytes * (0.2 + seededFraction(host.seed, 7) * 0.6));
  const size = (bytes: number): string => (args.includes('-h') ? human(bytes) : String(Math.floor(bytes / 1024)));
  const rows = [
    ['Filesystem', args.includes('-h') ? 'Size' : '1K-blocks', 'Used', 'Avail', 'Use%', 'Mounted on'],
    ['tmpfs', size(host.memoryBytes / 10), size(1024 * 1024), size(host.memoryBytes / 10 - 1024 * 1024), '1%', '/run'],
    ['/dev/sda1', size(host.diskBytes), size(used), size(host.diskBytes - used), `${Math.round((used / host.diskBytes) * 100)}%`, '/'],
    ['tmpfs', size(host.memoryBytes / 2), size(0), size(host.memoryBytes / 2), '0%', '/dev/shm'],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    out(`${row.map((cell, column) => (column === 0 || column === 5 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' ').trimEnd()}\n`);
  }
  return 0;
};

const free: Builtin = ({ args, host, out }) => {
  const divisor = args.includes('-g') ? 1024 ** 3 : args.includes('-k') ? 1024 : args.includes('-b') ? 1 : 1024 ** 2;
  const total = host.memoryBytes;
  const used = Math.floor(total * (0.25 + seededFraction(host.seed, 11) * 0.5));
  const shared = Math.floor(total * 0.01);
  const cache = Math.floor((total - used) * 0.4);
  const freeBytes = total - used - cache;
  const cell = (bytes: number): string => String(Math.floor(bytes / divisor)).padStart(12);
  out(`${''.padEnd(7)}${['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map((title) => title.padStart(12)).join('')}\n`);
  out(`Mem:   ${[total, used, freeBytes, shared, cache, total - used].map(cell).join('')}\n`);
  out(`Swap:  ${[0, 0, 0].map(cell).join('')}\n`);
  return 0;
};

const uptime: Builtin = ({ host, out }) => {
  const now = new Date();
  const minutes = Math.max(0, Math.floor((now.getTime() - host.bootTime.getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const clock = `${Math.floor((minutes % 1440) / 60)}:${two(minutes % 60)}`;
  const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
  out(` ${time} up ${days > 0 ? `${days} day${days === 1 ? '' : 's'}, ` : ''}${clock},  1 user,  load average: ${loadAverages(host)}\n`);
  return 0;
};

const id: Builtin = ({ args, state, host, out, err }) => {
  const user = args.find((arg) => !arg.startsWith('-')) ?? state.user;
  if (user !== state.user && user !== 'root' && !host.users.includes(user)) {
    err(`id: '${user}': no such user\n`);
    return 1;
  }
  const uid = uidOf(host, user);
  if (args.includes('-u')) out(`${uid}\n`);
  else if (args.includes('-un')) out(`${user}\n`);
  else out(`uid=${uid}(${user}) gid=${uid}(${user}) groups=${uid}(${user})\n`);
  return 0;
};

export const SYSTEM_COMMANDS: Record<string, Builtin> = {
  uname,
  df,
  free,
  uptime,
  id,
  whoami: ({ state, out }) => (out(`${state.user}\n`), 0),
  hostname: ({ host, out }) => (out(`${host.hostname}\n`), 0),
  date: ({ args, out }) => (out(`${formatDate(new Date(), args.find((arg) => arg.startsWith('+'))?.slice(1))}\n`), 0),
  nproc: ({ host, out }) => (out(`${host.cpuCores}\n`), 0),
};

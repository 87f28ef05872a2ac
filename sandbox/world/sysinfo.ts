import { createHash } from 'node:crypto';
import type { SimHost } from './host.js';
import { diskDevices, noise } from './metrics.js';
import type { ServerRecord } from './models.js';
import { uidOf } from './shell-types.js';

/** System facts served under /api/proc/, derived from the server record, its seed and its simulated host. */

const SYSTEM_ACCOUNTS = [
  { username: 'daemon', uid: 1, gid: 1, directory: '/usr/sbin', shell: '/usr/sbin/nologin' },
  { username: 'bin', uid: 2, gid: 2, directory: '/bin', shell: '/usr/sbin/nologin' },
  { username: 'sys', uid: 3, gid: 3, directory: '/dev', shell: '/usr/sbin/nologin' },
  { username: 'www-data', uid: 33, gid: 33, directory: '/var/www', shell: '/usr/sbin/nologin' },
  { username: 'sshd', uid: 105, gid: 65534, directory: '/run/sshd', shell: '/usr/sbin/nologin' },
  { username: 'alpamon', uid: 998, gid: 998, directory: '/var/lib/alpamon', shell: '/usr/sbin/nologin' },
  { username: 'nobody', uid: 65534, gid: 65534, directory: '/nonexistent', shell: '/usr/sbin/nologin' },
];
const SYSTEM_GROUPS = [
  ['root', 0], ['daemon', 1], ['bin', 2], ['sys', 3], ['adm', 4], ['sudo', 27], ['www-data', 33], ['users', 100],
  ['alpamon', 998], ['nogroup', 65534],
] as const;
const PACKAGES = [
  'openssh-server', 'openssl', 'curl', 'wget', 'git', 'vim', 'nginx', 'postgresql', 'redis', 'python3', 'nodejs', 'docker-ce',
  'containerd.io', 'bash', 'coreutils', 'systemd', 'sudo', 'tzdata', 'ca-certificates', 'rsync', 'htop', 'jq', 'tmux', 'cron',
  'logrotate', 'iptables', 'net-tools', 'iproute2', 'lsof', 'strace', 'tar', 'gzip', 'unzip', 'zlib', 'libc6', 'alpamon',
];

export function isRpm(server: ServerRecord): boolean {
  return server.os_platform === 'rocky';
}

export function hardwareInfo(server: ServerRecord) {
  return {
    id: server.id, server: server.id, cpu_type: server.cpu_type, cpu_brand: server.cpu_type,
    cpu_physical_cores: server.cpu_physical_cores, cpu_logical_cores: server.cpu_logical_cores,
    physical_memory: server.physical_memory, hostname: server.name, hardware_vendor: 'Amazon EC2', hardware_model: 'm6i.xlarge',
    hardware_serial: `ec2${(server.seed >>> 0).toString(16).padStart(8, '0')}`, arch: 'x86_64',
  };
}

export function osInfo(server: ServerRecord, host: SimHost) {
  return {
    id: server.id, server: server.id, name: server.os_name, version: server.os_version, platform: server.os_platform,
    platform_like: isRpm(server) ? 'rhel' : 'debian', arch: 'x86_64', kernel: host.info.kernel, kernel_version: host.info.kernel, hostname: host.hostname,
  };
}

/**
 * A system user's id: a UUID, stable per server and account name (the real SystemUserSerializer has `id`: alpacon-server
 * 2024 proc/api/serializers.py).
 */
export function systemUserId(serverId: string, username: string): string {
  const hex = createHash('sha1').update(`system-user:${serverId}:${username}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Account names every host has besides the workspace users. */
export const BUILTIN_ACCOUNT_NAMES: readonly string[] = ['root', ...SYSTEM_ACCOUNTS.map((a) => a.username)];

export function systemUsers(server: ServerRecord, host: SimHost) {
  const people = [
    { username: 'root', uid: 0, gid: 0, directory: '/root', shell: '/bin/bash' },
    ...host.info.users.map((u) => ({ username: u, uid: uidOf(host.info, u), gid: uidOf(host.info, u), directory: `/home/${u}`, shell: '/bin/bash' })),
  ];
  return [...people.map((p) => ({ ...p, login_enabled: true })), ...SYSTEM_ACCOUNTS.map((a) => ({ ...a, login_enabled: false }))]
    .map((u) => ({ id: systemUserId(server.id, u.username), server: server.id, ...u }))
    .sort((a, b) => a.uid - b.uid);
}

export function systemGroups(server: ServerRecord, host: SimHost) {
  const own = host.info.users.map((u) => ({ groupname: u, gid: uidOf(host.info, u), members: [u] }));
  const members = (name: string): string[] => (name === 'sudo' || name === 'adm' ? host.info.users.slice(0, 1) : []);
  return [...SYSTEM_GROUPS.map(([groupname, gid]) => ({ groupname, gid, members: members(groupname) })), ...own]
    .map((g) => ({ server: server.id, ...g }))
    .sort((a, b) => a.gid - b.gid);
}

export function packages(server: ServerRecord) {
  const rpm = isRpm(server);
  return PACKAGES.filter((_, i) => noise(server.seed, 100 + i, 71) < 0.8 || i < 6).map((name, i) => {
    const major = 1 + Math.floor(noise(server.seed, 200 + i, 71) * 9);
    const minor = Math.floor(noise(server.seed, 300 + i, 71) * 20);
    const noarch = name === 'tzdata' || name === 'ca-certificates';
    return {
      server: server.id, name, version: `${major}.${minor}.${i % 7}`, arch: noarch ? (rpm ? 'noarch' : 'all') : rpm ? 'x86_64' : 'amd64',
      source: rpm ? 'rpm' : 'deb',
    };
  });
}

export function networkInterfaces(server: ServerRecord) {
  const mac = (n: number) => `02:${[1, 2, 3, 4, 5].map((k) => Math.floor(noise(server.seed, n * 10 + k, 83) * 256).toString(16).padStart(2, '0')).join(':')}`;
  const names = noise(server.seed, 7, 53) < 0.3 ? ['eth0', 'eth1'] : ['eth0'];
  return [
    { server: server.id, name: 'lo', mac: '00:00:00:00:00:00', mtu: 65536, flags: 'up|loopback|running', is_loopback: true, is_up: true, addrs: ['127.0.0.1/8', '::1/128'] },
    ...names.map((name, i) => ({
      server: server.id, name, mac: mac(i + 1), mtu: 9001, flags: 'up|broadcast|multicast|running', is_loopback: false, is_up: true,
      addrs: [i === 0 ? `${server.remote_ip}/16` : `192.168.${i}.${(server.seed % 250) + 2}/24`],
    })),
  ];
}

export function disks(server: ServerRecord) {
  return diskDevices(server).map((d, i) => ({
    server: server.id, name: d.device.replace('/dev/', '').replace(/\d+$/, ''), model: i === 0 ? 'Amazon Elastic Block Store' : 'Amazon EBS data',
    serial: `vol${(server.seed + i).toString(16)}`, size: d.total + 1024 ** 3,
  }));
}

export function partitions(server: ServerRecord) {
  return diskDevices(server).map((d) => ({
    server: server.id, name: d.device.replace('/dev/', ''), device: d.device, mount_points: [d.mount_point], fs_type: d.fs_type, size: d.total,
    is_virtual: false,
  }));
}

export function systemTime(server: ServerRecord, nowMs: number) {
  const boot = Date.parse(server.boot_time);
  return {
    server: server.id, datetime: new Date(nowMs).toISOString(), timezone: 'UTC', uptime: Math.floor((nowMs - boot) / 1000),
    boot_time: server.boot_time,
  };
}

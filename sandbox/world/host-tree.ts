import { formatDate, seededFraction } from './shell-commands-system.js';
import type { HostInfo } from './shell-types.js';
import { homeOf, uidOf } from './shell-types.js';
import type { VirtualFs } from './vfs.js';

/** The believable starting tree of a simulated server. All contents are small and kept in memory. */

function osRelease(info: HostInfo): string {
  const id = info.osName.toLowerCase().split(/\s+/)[0] ?? 'linux';
  return [
    `PRETTY_NAME="${info.osName} ${info.osVersion}"`,
    `NAME="${info.osName}"`,
    `VERSION_ID="${info.osVersion.split(' ')[0]}"`,
    `VERSION="${info.osVersion}"`,
    `ID=${id}`,
    `HOME_URL="https://www.${id}.com/"`,
    '',
  ].join('\n');
}

function syslog(info: HostInfo): string {
  const lines: string[] = [];
  const start = info.bootTime.getTime();
  const messages = [
    'systemd[1]: Started Daily apt download activities.',
    'alpamon[812]: Connected to Alpacon.',
    'CRON[1204]: (root) CMD (test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily ))',
    'systemd[1]: Starting Cleanup of Temporary Directories...',
    'kernel: [    0.000000] Linux version ' + info.kernel,
    'sshd[2311]: Server listening on 0.0.0.0 port 22.',
    'alpamon[812]: Websh session opened.',
    'systemd[1]: logrotate.service: Deactivated successfully.',
  ];
  for (let index = 0; index < 20; index += 1) {
    const when = new Date(start + Math.floor(seededFraction(info.seed, 100 + index) * 3_600_000) + index * 3_600_000);
    const stamp = formatDate(when).slice(4, 19);
    lines.push(`${stamp} ${info.hostname} ${messages[index % messages.length]}`);
  }
  return `${lines.join('\n')}\n`;
}

export function seedTree(fs: VirtualFs, info: HostInfo): void {
  for (const dir of ['/bin', '/etc', '/opt', '/srv', '/usr/bin', '/usr/local/bin', '/var/log', '/var/www', '/home']) {
    fs.mkdir(dir, { parents: true });
  }
  fs.mkdir('/tmp', { mode: 0o1777 });
  fs.mkdir('/root', { mode: 0o700 });
  const write = (path: string, text: string, owner = 'root', mode = 0o644): void => {
    fs.writeText(path, text, { owner, mode });
  };
  write('/etc/hostname', `${info.hostname}\n`);
  write('/etc/os-release', osRelease(info));
  write('/etc/hosts', `127.0.0.1 localhost\n127.0.1.1 ${info.hostname}\n`);
  const passwd = ['root:x:0:0:root:/root:/bin/bash', ...info.users.map((user) => `${user}:x:${uidOf(info, user)}:${uidOf(info, user)}::${homeOf(user)}:/bin/bash`)];
  write('/etc/passwd', `${passwd.join('\n')}\n`);
  write('/var/log/syslog', syslog(info));
  write('/root/.bashrc', '# ~/.bashrc\n', 'root', 0o644);
  write('/var/www/index.html', `<html><body>${info.hostname}</body></html>\n`);
  for (const user of info.users) {
    if (user === 'root') continue;
    const home = homeOf(user);
    fs.mkdir(home, { parents: true, owner: user, mode: 0o750 });
    write(`${home}/.bashrc`, '# ~/.bashrc: executed by bash for non-login shells.\n', user);
    write(`${home}/.profile`, '# ~/.profile: executed by the command interpreter for login shells.\n', user);
    write(`${home}/notes.txt`, `Welcome to ${info.hostname}, ${user}.\n`, user);
  }
}

import { ShellSession, type ShellResult } from './shell.js';
import { seededFraction } from './shell-commands-system.js';
import type { HostInfo, ShellState } from './shell-types.js';
import { homeOf } from './shell-types.js';
import { VirtualFs } from './vfs.js';
import { seedTree } from './host-tree.js';

/**
 * A simulated server: its file system and a factory of shells. `createSimHost` is SYNCHRONOUS (the seeded tree is
 * small, kept in memory and built on first use), so a world of 1,000 servers is built without I/O.
 */

export interface SimHostOptions {
  hostname: string;
  osName: string;
  osVersion: string;
  cpuCores: number;
  memoryBytes: number;
  seed: number;
  /** Existing directory for blob files (large file contents); the sandbox creates and removes it. */
  dataDir: string;
  /** Linux users with a home directory (besides root). */
  users: string[];
  /** Optional, defaults derive from the seed. */
  bootTime?: Date;
  diskBytes?: number;
}

export interface ShellStart {
  user: string;
  cwd?: string;
  env?: Record<string, string>;
}

export interface SimShell {
  readonly cwd: string;
  readonly user: string;
  /** Runs one line; `onOutput` receives output as each command of the line finishes (Websh streams it). */
  run(line: string, signal?: AbortSignal, onOutput?: (text: string) => void): Promise<ShellResult>;
}

export interface SimHost {
  readonly hostname: string;
  readonly fs: VirtualFs;
  readonly info: HostInfo;
  openShell(state: ShellStart): SimShell;
  /** Runs one line in a fresh shell (exec commands): same output as the same line typed in Websh. */
  exec(line: string, state: ShellStart, signal?: AbortSignal, onOutput?: (text: string) => void): Promise<ShellResult>;
}

export type { ShellResult } from './shell.js';

function kernelFor(osName: string, seed: number): string {
  const name = osName.toLowerCase();
  const patch = 20 + Math.floor(seededFraction(seed, 3) * 80);
  if (name.includes('ubuntu')) return `5.15.0-${patch}-generic`;
  if (name.includes('debian')) return `6.1.0-${Math.floor(patch / 4)}-amd64`;
  if (name.includes('rocky') || name.includes('centos') || name.includes('red hat') || name.includes('alma')) return `5.14.0-${patch * 4}.el9.x86_64`;
  if (name.includes('amazon')) return `6.1.${patch}-${patch * 2}.amzn2023.x86_64`;
  return `6.8.0-${patch}-generic`;
}

export function createSimHost(options: SimHostOptions): SimHost {
  const info: HostInfo = {
    hostname: options.hostname,
    osName: options.osName,
    osVersion: options.osVersion,
    kernel: kernelFor(options.osName, options.seed),
    cpuCores: options.cpuCores,
    memoryBytes: options.memoryBytes,
    diskBytes: options.diskBytes ?? (50 + Math.floor(seededFraction(options.seed, 5) * 8) * 25) * 1024 ** 3,
    bootTime: options.bootTime ?? new Date(Date.UTC(2025, 0, 1) - Math.floor(seededFraction(options.seed, 9) * 90) * 86_400_000),
    seed: options.seed,
    users: [...options.users],
  };
  const fs = new VirtualFs(options.dataDir, (tree) => seedTree(tree, info));

  const openShell = (start: ShellStart): SimShell => {
    const home = homeOf(start.user);
    fs.whenSeeded(`home:${home}`, () => {
      if (!fs.exists(home)) fs.mkdir(home, { parents: true, owner: start.user, mode: 0o750 });
    });
    const env = new Map<string, string>([
      ['HOME', home],
      ['USER', start.user],
      ['LOGNAME', start.user],
      ['SHELL', '/bin/bash'],
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['HOSTNAME', info.hostname],
      ['LANG', 'C.UTF-8'],
      ['TERM', 'xterm-256color'],
      ...Object.entries(start.env ?? {}),
    ]);
    const cwd = start.cwd ?? home;
    env.set('PWD', cwd);
    const state: ShellState = { user: start.user, cwd, env, lastStatus: 0, exited: false };
    return new ShellSession(state, fs, info);
  };

  return {
    hostname: info.hostname,
    fs,
    info,
    openShell,
    exec: (line, start, signal, onOutput) => openShell(start).run(line, signal, onOutput),
  };
}

import type { VirtualFs } from './vfs.js';

/** Static facts about a simulated machine that the system commands (`uname`, `free`, `df`…) print. */
export interface HostInfo {
  hostname: string;
  osName: string;
  osVersion: string;
  kernel: string;
  cpuCores: number;
  memoryBytes: number;
  diskBytes: number;
  bootTime: Date;
  seed: number;
  users: string[];
}

/** What a shell remembers between lines: the same object is used for every line of one Websh session. */
export interface ShellState {
  user: string;
  cwd: string;
  env: Map<string, string>;
  lastStatus: number;
  exited: boolean;
}

export interface CommandContext {
  name: string;
  args: string[];
  /** Piped or redirected input; undefined when the command reads the terminal (treated as empty). */
  stdin: string | undefined;
  state: ShellState;
  fs: VirtualFs;
  host: HostInfo;
  signal?: AbortSignal;
  out(text: string): void;
  err(text: string): void;
}

export type Builtin = (context: CommandContext) => Promise<number> | number;

export function uidOf(host: HostInfo, user: string): number {
  if (user === 'root') return 0;
  const index = host.users.indexOf(user);
  return index >= 0 ? 1000 + index : 1000 + host.users.length + [...user].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 100;
}

export function homeOf(user: string): string {
  return user === 'root' ? '/root' : `/home/${user}`;
}

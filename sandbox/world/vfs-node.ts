import { posix } from 'node:path';

/** The node types of a simulated server's file tree, plus the small rules shared by the VFS and the shell. */

interface NodeBase {
  mode: number;
  owner: string;
  group: string;
  mtime: Date;
}

export interface DirNode extends NodeBase {
  kind: 'dir';
  children: Map<string, VfsNode>;
}

/** A file keeps small contents in memory (`inline`) and large ones in a blob file on disk (`blob`). */
export interface FileNode extends NodeBase {
  kind: 'file';
  size: number;
  inline?: Buffer;
  blob?: string;
}

export type VfsNode = DirNode | FileNode;

export interface VfsStat {
  path: string;
  name: string;
  kind: 'dir' | 'file';
  size: number;
  mode: number;
  owner: string;
  group: string;
  mtime: Date;
}

export type VfsErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'EACCES' | 'ENOTEMPTY' | 'EINVAL' | 'EFBIG';

const MESSAGES: Record<VfsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EACCES: 'Permission denied',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  EFBIG: 'File too large',
};

export class VfsError extends Error {
  constructor(
    readonly code: VfsErrorCode,
    readonly path: string,
  ) {
    super(`${path}: ${MESSAGES[code]}`);
    this.name = 'VfsError';
  }

  /** The libc-style text a shell prints after the path, e.g. "No such file or directory". */
  get reason(): string {
    return MESSAGES[this.code];
  }
}

export function isVfsError(value: unknown): value is VfsError {
  return value instanceof VfsError;
}

/** An absolute path that resolving leaves as it is: no empty, `.` or `..` segment, no trailing slash. */
const NORMALIZED = /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/;

/** Resolves `target` against `cwd` into a normalized absolute path (no trailing slash except for `/`). */
export function resolvePath(cwd: string, target: string): string {
  return NORMALIZED.test(target) ? target : posix.resolve('/', cwd, target);
}

export function splitPath(absolute: string): string[] {
  return absolute.split('/').filter((part) => part.length > 0);
}

export type Access = 'r' | 'w' | 'x';

const BITS: Record<Access, number> = { r: 4, w: 2, x: 1 };

/** Unix permission check with owner/group/other bits; the group of a user is the group of the same name. */
export function canAccess(node: VfsNode, user: string | undefined, want: Access): boolean {
  if (user === undefined || user === 'root') return true;
  const bit = BITS[want];
  if (node.owner === user) return ((node.mode >> 6) & bit) !== 0;
  if (node.group === user) return ((node.mode >> 3) & bit) !== 0;
  return (node.mode & bit) !== 0;
}

export function statOf(path: string, node: VfsNode): VfsStat {
  return {
    path,
    name: path === '/' ? '/' : posix.basename(path),
    kind: node.kind,
    size: node.kind === 'file' ? node.size : 4096,
    mode: node.mode,
    owner: node.owner,
    group: node.group,
    mtime: node.mtime,
  };
}

/** `drwxr-xr-x` style rendering of a mode, sticky bit included. */
export function modeString(stat: Pick<VfsStat, 'kind' | 'mode'>): string {
  const chars = ['r', 'w', 'x', 'r', 'w', 'x', 'r', 'w', 'x'];
  let text = stat.kind === 'dir' ? 'd' : '-';
  for (let index = 0; index < 9; index += 1) {
    text += (stat.mode >> (8 - index)) & 1 ? chars[index] : '-';
  }
  if (stat.mode & 0o1000) text = text.slice(0, 9) + (stat.mode & 1 ? 't' : 'T');
  return text;
}

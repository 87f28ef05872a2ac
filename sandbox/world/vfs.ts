import { randomUUID } from 'node:crypto';
import { createReadStream as fsReadStream } from 'node:fs';
import { copyFile, open, rename, unlink, writeFile as fsWriteFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import {
  canAccess,
  type DirNode,
  type FileNode,
  resolvePath,
  splitPath,
  statOf,
  VfsError,
  type VfsNode,
  type VfsStat,
} from './vfs-node.js';
import { BlobWriteStream } from './vfs-write-stream.js';

export { VfsError, isVfsError, resolvePath, modeString } from './vfs-node.js';
export type { VfsStat } from './vfs-node.js';

/** Contents up to this size stay in memory; larger ones go to a blob file in the data dir. */
const INLINE_LIMIT = 256 * 1024;

export interface OwnerOptions {
  /** Acting user for permission checks; undefined = no checks (the simulator itself). */
  as?: string;
  owner?: string;
  mode?: number;
}

/**
 * The in-memory directory tree of one simulated server. File contents live in memory when small and in blob files
 * under `dataDir` when large, so a 1 GiB file never sits in memory. Paths are absolute POSIX paths.
 */
export class VirtualFs {
  private tree: DirNode | undefined;
  /** Changes waiting for the tree to exist, by key (the same key queued twice runs once). */
  private readonly pending = new Map<string, () => void>();

  /**
   * `seed` builds the starting tree on first use, not here: a world of 1,000 servers then builds no tree for the servers
   * whose files nobody looks at (a fan-out of `uptime` to all of them reads none).
   */
  constructor(
    readonly dataDir: string,
    private seed?: (fs: VirtualFs) => void,
  ) {}

  /** Runs `change` once the tree exists: now when it does, else right after it is seeded. */
  whenSeeded(key: string, change: () => void): void {
    if (this.tree !== undefined) change();
    else this.pending.set(key, change);
  }

  private get root(): DirNode {
    if (this.tree === undefined) {
      this.tree = { kind: 'dir', mode: 0o755, owner: 'root', group: 'root', mtime: new Date(), children: new Map() };
      const seed = this.seed;
      this.seed = undefined;
      seed?.(this);
      for (const change of this.pending.values()) change();
      this.pending.clear();
    }
    return this.tree;
  }

  exists(path: string): boolean {
    return this.find(path) !== undefined;
  }

  stat(path: string): VfsStat {
    return statOf(resolvePath('/', path), this.get(path));
  }

  readdir(path: string, options: OwnerOptions = {}): VfsStat[] {
    const dir = this.getDir(path);
    if (!canAccess(dir, options.as, 'r')) throw new VfsError('EACCES', path);
    const base = resolvePath('/', path);
    return [...dir.children.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, node]) => statOf(posix.join(base, name), node));
  }

  mkdir(path: string, options: OwnerOptions & { parents?: boolean } = {}): void {
    const parts = splitPath(resolvePath('/', path));
    let current = this.root;
    parts.forEach((name, index) => {
      const last = index === parts.length - 1;
      const child = current.children.get(name);
      if (child?.kind === 'file') throw new VfsError(last ? 'EEXIST' : 'ENOTDIR', path);
      if (child?.kind === 'dir') {
        if (last && !options.parents) throw new VfsError('EEXIST', path);
        current = child;
        return;
      }
      if (!last && !options.parents) throw new VfsError('ENOENT', path);
      if (!canAccess(current, options.as, 'w')) throw new VfsError('EACCES', path);
      const owner = options.owner ?? options.as ?? 'root';
      const dir: DirNode = { kind: 'dir', mode: options.mode ?? 0o755, owner, group: owner, mtime: new Date(), children: new Map() };
      current.children.set(name, dir);
      current.mtime = new Date();
      current = dir;
    });
  }

  async writeFile(path: string, data: string | Buffer, options: OwnerOptions & { append?: boolean } = {}): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const existing = this.find(path);
    if (options.append && existing?.kind === 'file') {
      if (!canAccess(existing, options.as, 'w')) throw new VfsError('EACCES', path);
      if (existing.blob === undefined && existing.size + bytes.length <= INLINE_LIMIT) {
        this.replaceContents(existing, { inline: Buffer.concat([existing.inline ?? Buffer.alloc(0), bytes]) });
        return;
      }
      const blob = this.newBlobPath();
      if (existing.blob !== undefined) await copyFile(existing.blob, blob);
      else await fsWriteFile(blob, existing.inline ?? Buffer.alloc(0));
      const handle = await open(blob, 'a');
      await handle.write(bytes).finally(() => handle.close());
      this.replaceContents(existing, { blob, size: existing.size + bytes.length });
      return;
    }
    const node = this.prepareFile(path, options);
    if (bytes.length <= INLINE_LIMIT) {
      this.replaceContents(node, { inline: Buffer.from(bytes) });
      return;
    }
    const blob = this.newBlobPath();
    await fsWriteFile(blob, bytes);
    this.replaceContents(node, { blob, size: bytes.length });
  }

  /** Synchronous write of small text (seeding, tests); larger contents must use `writeFile`. */
  writeText(path: string, text: string, options: OwnerOptions = {}): void {
    const bytes = Buffer.from(text);
    if (bytes.length > INLINE_LIMIT) throw new VfsError('EFBIG', path);
    this.replaceContents(this.prepareFile(path, options), { inline: bytes });
  }

  /** Reads a file whole; `maxBytes` caps what is read (the rest is ignored) so a huge file cannot fill memory. */
  async readFile(path: string, options: OwnerOptions & { maxBytes?: number } = {}): Promise<Buffer> {
    const node = this.getFile(path, options.as);
    const limit = Math.min(node.size, options.maxBytes ?? Number.MAX_SAFE_INTEGER);
    if (node.blob === undefined) return (node.inline ?? Buffer.alloc(0)).subarray(0, limit);
    const handle = await open(node.blob, 'r');
    try {
      const buffer = Buffer.alloc(limit);
      const { bytesRead } = await handle.read(buffer, 0, limit, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  createReadStream(path: string, options: OwnerOptions = {}): Readable {
    const node = this.getFile(path, options.as);
    if (node.blob === undefined) return Readable.from([node.inline ?? Buffer.alloc(0)]);
    return fsReadStream(node.blob);
  }

  /** Streams into a new blob; the file appears (or is replaced) only when the stream finishes without error. */
  createWriteStream(path: string, options: OwnerOptions & { overwrite?: boolean; maxBytes?: number } = {}) {
    this.checkWritable(path, options);
    const blob = this.newBlobPath();
    return new BlobWriteStream(blob, options.maxBytes, (size) => this.adoptBlob(path, blob, size, options));
  }

  /** Moves an existing file inside `dataDir` (e.g. an uploaded object) into the tree at `path`. */
  async adoptBlob(path: string, blobPath: string, size: number, options: OwnerOptions & { overwrite?: boolean } = {}): Promise<void> {
    this.checkWritable(path, options);
    const target = this.newBlobPath();
    await rename(blobPath, target);
    const node = this.prepareFile(path, options);
    this.replaceContents(node, { blob: target, size });
  }

  remove(path: string, options: OwnerOptions & { recursive?: boolean } = {}): void {
    const absolute = resolvePath('/', path);
    if (absolute === '/') throw new VfsError('EACCES', path);
    const parent = this.getDir(posix.dirname(absolute));
    const name = posix.basename(absolute);
    const node = parent.children.get(name);
    if (node === undefined) throw new VfsError('ENOENT', path);
    if (node.kind === 'dir' && !options.recursive) throw new VfsError('EISDIR', path);
    if (!canAccess(parent, options.as, 'w')) throw new VfsError('EACCES', path);
    parent.children.delete(name);
    parent.mtime = new Date();
    this.releaseBlobs(node);
  }

  /** Renames a file or directory (same tree). */
  move(from: string, to: string, options: OwnerOptions = {}): void {
    const source = resolvePath('/', from);
    const target = resolvePath('/', to);
    const node = this.get(source);
    const fromParent = this.getDir(posix.dirname(source));
    const toParent = this.getDir(posix.dirname(target));
    if (!canAccess(fromParent, options.as, 'w') || !canAccess(toParent, options.as, 'w')) throw new VfsError('EACCES', to);
    if (target === source || target.startsWith(`${source}/`)) throw new VfsError('EINVAL', to);
    const replaced = toParent.children.get(posix.basename(target));
    if (replaced?.kind === 'dir') throw new VfsError('EISDIR', to);
    fromParent.children.delete(posix.basename(source));
    toParent.children.set(posix.basename(target), node);
    if (replaced !== undefined) this.releaseBlobs(replaced);
  }

  /** Every file under `path` (depth first, sorted), with paths relative to it; directories included for empty ones. */
  walk(path: string): Array<{ relative: string; stat: VfsStat }> {
    const base = resolvePath('/', path);
    const out: Array<{ relative: string; stat: VfsStat }> = [];
    const visit = (dir: DirNode, relative: string): void => {
      for (const [name, node] of [...dir.children.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const childRelative = relative === '' ? name : `${relative}/${name}`;
        out.push({ relative: childRelative, stat: statOf(posix.join(base, childRelative), node) });
        if (node.kind === 'dir') visit(node, childRelative);
      }
    };
    visit(this.getDir(base), '');
    return out;
  }

  chown(path: string, owner: string, mode?: number): void {
    const node = this.get(path);
    node.owner = owner;
    node.group = owner;
    if (mode !== undefined) node.mode = mode;
  }

  private checkWritable(path: string, options: OwnerOptions & { overwrite?: boolean }): void {
    const existing = this.find(path);
    if (existing?.kind === 'dir') throw new VfsError('EISDIR', path);
    if (existing !== undefined && options.overwrite === false) throw new VfsError('EEXIST', path);
    if (existing !== undefined && !canAccess(existing, options.as, 'w')) throw new VfsError('EACCES', path);
    const parent = this.getDir(posix.dirname(resolvePath('/', path)));
    if (existing === undefined && !canAccess(parent, options.as, 'w')) throw new VfsError('EACCES', path);
  }

  private prepareFile(path: string, options: OwnerOptions): FileNode {
    this.checkWritable(path, options);
    const existing = this.find(path);
    if (existing?.kind === 'file') return existing;
    const absolute = resolvePath('/', path);
    const parent = this.getDir(posix.dirname(absolute));
    const owner = options.owner ?? options.as ?? 'root';
    const node: FileNode = { kind: 'file', mode: options.mode ?? 0o644, owner, group: owner, mtime: new Date(), size: 0, inline: Buffer.alloc(0) };
    parent.children.set(posix.basename(absolute), node);
    parent.mtime = new Date();
    return node;
  }

  private replaceContents(node: FileNode, contents: { inline: Buffer } | { blob: string; size: number }): void {
    const oldBlob = node.blob;
    if ('inline' in contents) {
      node.inline = contents.inline;
      node.blob = undefined;
      node.size = contents.inline.length;
    } else {
      node.inline = undefined;
      node.blob = contents.blob;
      node.size = contents.size;
    }
    node.mtime = new Date();
    if (oldBlob !== undefined && oldBlob !== node.blob) void unlink(oldBlob).catch(() => undefined);
  }

  private releaseBlobs(node: VfsNode): void {
    if (node.kind === 'file') {
      if (node.blob !== undefined) void unlink(node.blob).catch(() => undefined);
      return;
    }
    for (const child of node.children.values()) this.releaseBlobs(child);
  }

  private newBlobPath(): string {
    return join(this.dataDir, `blob-${randomUUID()}`);
  }

  private find(path: string): VfsNode | undefined {
    let current: VfsNode = this.root;
    for (const name of splitPath(resolvePath('/', path))) {
      if (current.kind !== 'dir') return undefined;
      const next: VfsNode | undefined = current.children.get(name);
      if (next === undefined) return undefined;
      current = next;
    }
    return current;
  }

  private get(path: string): VfsNode {
    let current: VfsNode = this.root;
    for (const name of splitPath(resolvePath('/', path))) {
      if (current.kind !== 'dir') throw new VfsError('ENOTDIR', path);
      const next: VfsNode | undefined = current.children.get(name);
      if (next === undefined) throw new VfsError('ENOENT', path);
      current = next;
    }
    return current;
  }

  private getDir(path: string): DirNode {
    const node = this.get(path);
    if (node.kind !== 'dir') throw new VfsError('ENOTDIR', path);
    return node;
  }

  private getFile(path: string, as: string | undefined): FileNode {
    const node = this.get(path);
    if (node.kind !== 'file') throw new VfsError('EISDIR', path);
    if (!canAccess(node, as, 'r')) throw new VfsError('EACCES', path);
    return node;
  }
}

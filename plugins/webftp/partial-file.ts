import { randomBytes } from 'node:crypto';
import { close, createWriteStream, fstat, fsync, open, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { link, lstat, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { AlpaconMcpError, ErrorCode } from '../../core/index.js';

/**
 * A download in progress: a hidden temp file beside the target, flushed to disk and checked before it takes the
 * target's name. Until `commit` succeeds the target is untouched; `discard` removes every trace.
 */
export class PartialFile {
  private closed = false;
  private gone = false;
  private writer?: WriteStream;

  private constructor(
    readonly target: string,
    readonly tempPath: string,
    private readonly fd: number,
  ) {}

  static async create(target: string): Promise<PartialFile> {
    const tempPath = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
    const fd = await promisify(open)(tempPath, 'wx');
    return new PartialFile(target, tempPath, fd);
  }

  /**
   * A write stream into the temp file; ending it keeps the descriptor open, because commit still has to fsync it.
   * (A raw descriptor rather than a FileHandle: a FileHandle stream that does not auto-close blocks handle.close().)
   */
  stream(): Writable {
    this.writer ??= createWriteStream('', { fd: this.fd, autoClose: false, highWaterMark: 64 * 1024 });
    return this.writer;
  }

  /** fsync, compare the size on disk with `expectedBytes`, then give the file its name (never replacing one unless `overwrite`). */
  async commit(expectedBytes: number, overwrite: boolean): Promise<number> {
    try {
      await promisify(fsync)(this.fd);
      const { size } = await promisify(fstat)(this.fd);
      await this.close();
      if (size !== expectedBytes) {
        throw new AlpaconMcpError(ErrorCode.TransferFailed, `The downloaded file has ${size} bytes on disk, expected ${expectedBytes}.`, {
          hint: 'Retry the download; check free disk space.',
          details: { reason: 'size_mismatch' },
        });
      }
      if (overwrite) await rename(this.tempPath, this.target);
      else await this.linkWithoutReplacing();
      this.gone = true;
      return size;
    } catch (error) {
      await this.discard();
      throw error;
    }
  }

  /** Closes and removes the temp file; safe to call more than once. */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    if (this.gone) return;
    this.gone = true;
    await unlink(this.tempPath).catch(() => undefined);
  }

  /**
   * A destroyed fs stream closes the descriptor itself (even without autoClose), after its pending write: let it, so
   * the number is never closed twice (it may already belong to another file).
   */
  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const writer = this.writer;
    if (writer === undefined) return promisify(close)(this.fd);
    if (writer.closed) return;
    const closed = once(writer, 'close');
    writer.destroy();
    await closed;
  }

  /** link() fails when the target exists, so a file created meanwhile by someone else is never replaced. */
  private async linkWithoutReplacing(): Promise<void> {
    try {
      await link(this.tempPath, this.target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw fileExists(this.target);
      // File systems without hard links: check, then rename (a tiny race instead of no download at all).
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
      if (await exists(this.target)) throw fileExists(this.target);
      await rename(this.tempPath, this.target);
      return;
    }
    await unlink(this.tempPath);
  }
}

export function fileExists(target: string): AlpaconMcpError {
  return new AlpaconMcpError(ErrorCode.FileExists, `The local file ${target} already exists.`, {
    hint: 'Pass overwrite: true to replace it, or choose another local_file_path.',
    details: { path: target },
  });
}

export async function exists(target: string): Promise<boolean> {
  try {
    await lstat(target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

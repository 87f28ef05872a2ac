import { read } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

export interface RingOptions {
  /** Bytes of one read (default 512 KiB). */
  chunkBytes?: number;
  /**
   * Buffers in the ring (default 3: one in the socket's write, one waiting in got, one in this stream's buffer, and a read
   * starts as soon as that one moves on): reading never runs more than `slots × chunkBytes` ahead of what was sent.
   */
  slots?: number;
}

/** The file ended before the size the upload announced (it was truncated while being sent). */
export class FileShrankError extends Error {
  constructor(readonly expected: number, readonly read: number) {
    super(`the file ended after ${read} of ${expected} bytes`);
  }
}

/**
 * Reads `size` bytes of a file for an upload into a fixed ring of buffers. A buffer is filled again only after the bytes
 * it held were handed to the socket (`release(sent)`), so the read never runs more than the ring ahead of what was sent
 * and a transfer of any size allocates no new buffers. (A plain fs stream allocates a fresh 64 KiB buffer per read; V8
 * frees those only at its next scavenge, which it forces once ~32 MB of them pile up.)
 *
 * Chunks are large (512 KiB) because every chunk costs the same fixed work whatever its size: a read handed to libuv's
 * thread pool (a thread woken and switched to), a socket write, got's and http's per-write steps and a progress event.
 * At 64 KiB that work was most of the server's CPU during an upload, taken from the receiving side on a busy machine.
 * Reads use the callback API on the handle's descriptor (no promise per chunk); `_destroy` waits for a read in flight,
 * so the owner may close the handle as soon as the stream has closed.
 */
export class RingFileReader extends Readable {
  private readonly buffers: Buffer[];
  /** File offset where the bytes of each buffer end; a buffer is free once `sent` has reached it. */
  private readonly ends: number[];
  private next = 0;
  private position = 0;
  private sent = 0;
  private reading = false;
  private wanted = false;
  private ended = false;
  /** Called once the read in flight has come back (a destroy waiting for it). */
  private afterRead?: () => void;

  constructor(private readonly handle: FileHandle, private readonly size: number, options: RingOptions = {}) {
    super();
    const chunkBytes = options.chunkBytes ?? 512 * 1024;
    const slots = options.slots ?? 3;
    this.buffers = Array.from({ length: slots }, () => Buffer.allocUnsafeSlow(chunkBytes));
    this.ends = new Array<number>(slots).fill(0);
  }

  /** Bytes of one read. */
  get chunkBytes(): number {
    return this.buffers[0].length;
  }

  /** The most bytes read but not yet sent at any time. */
  get aheadLimit(): number {
    return this.buffers.length * this.chunkBytes;
  }

  /** `sent` bytes (from the start) have left for the socket: their buffers may be filled again. */
  release(sent: number): void {
    this.sent = Math.max(this.sent, sent);
    this.fill();
  }

  /**
   * The store answered before the body was sent (a refusal): got stops reporting written bytes then, so stop waiting
   * for them and read on as a plain stream would, until the transfer is torn down.
   */
  releaseAll(): void {
    this.release(Number.POSITIVE_INFINITY);
  }

  override _read(): void {
    this.wanted = true;
    this.fill();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.reading) {
      callback(error);
      return;
    }
    this.afterRead = () => callback(error);
  }

  private fill(): void {
    if (this.reading || !this.wanted || this.ended || this.destroyed) return;
    if (this.position >= this.size) {
      this.ended = true;
      this.push(null);
      return;
    }
    const slot = this.next;
    if (this.ends[slot] > this.sent) return;
    const buffer = this.buffers[slot];
    this.reading = true;
    this.wanted = false;
    read(this.handle.fd, buffer, 0, Math.min(buffer.length, this.size - this.position), this.position, (error, bytesRead) => {
      this.reading = false;
      if (this.afterRead !== undefined || this.destroyed) {
        this.afterRead?.();
        return;
      }
      if (error) {
        this.destroy(error);
        return;
      }
      if (bytesRead === 0) {
        this.destroy(new FileShrankError(this.size, this.position));
        return;
      }
      this.position += bytesRead;
      this.ends[slot] = this.position;
      this.next = (slot + 1) % this.buffers.length;
      if (this.push(buffer.subarray(0, bytesRead))) this.wanted = true;
      this.fill();
    });
  }
}

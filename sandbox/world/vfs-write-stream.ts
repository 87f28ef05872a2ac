import { createWriteStream, type WriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { VfsError } from './vfs-node.js';

/**
 * A writable that streams into a fresh blob file and calls `commit(size)` only after every byte is on disk.
 * On error or destroy before the end the blob is deleted, so no half-written file ever appears in the tree.
 */
export class BlobWriteStream extends Writable {
  private readonly file: WriteStream;
  private written = 0;
  private committed = false;

  constructor(
    readonly blobPath: string,
    private readonly maxBytes: number | undefined,
    private readonly commit: (size: number) => Promise<void>,
  ) {
    super();
    this.file = createWriteStream(blobPath);
    this.file.on('error', (error) => this.destroy(error));
  }

  get bytesWritten(): number {
    return this.written;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.written += chunk.length;
    if (this.maxBytes !== undefined && this.written > this.maxBytes) {
      callback(new VfsError('EFBIG', this.blobPath));
      return;
    }
    if (this.file.write(chunk)) callback();
    else this.file.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.file.end(() => {
      this.commit(this.written).then(
        () => {
          this.committed = true;
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.committed) {
      callback(error);
      return;
    }
    // Unlink only after the file stream has closed: its asynchronous open could otherwise recreate the blob.
    const removeBlob = (): void => {
      unlink(this.blobPath).then(
        () => callback(error),
        () => callback(error),
      );
    };
    if (this.file.closed) removeBlob();
    else {
      this.file.once('close', removeBlob);
      this.file.destroy();
    }
  }
}

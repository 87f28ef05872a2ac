import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { closeSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runInNewContext } from 'node:vm';
import { PresignedTransfer } from '../../core/http/presigned.js';
import { collectYoungGarbage } from '../../core/http/young-garbage.js';
import type { Sandbox } from '../../sandbox/index.js';
import { webftpFixture, type WebftpFixture } from './webftp-helpers.js';

/**
 * Transfers hold a bounded number of bytes whatever the file size (issue 18: a 1 GiB transfer adds at most 20 MB; the
 * benchmark measures that, these tests prove the bound without time or RSS).
 *
 * Uploads: the local file starts as 'X' bytes; each time more bytes are known to be sent, the bytes up to `sent + bound`
 * are stamped 'O'. A byte read before it was stamped reaches the server as 'X': an upload that reads further ahead than
 * `bound` (a whole-file read, a big stream buffer, missing backpressure) leaves an 'X' in the uploaded file.
 * Downloads: the bytes handed to the socket, or received, are compared with the bytes already written as they happen.
 */
const MiB = 1024 * 1024;

/** A local file of `size` 'X' bytes whose bytes are stamped 'O' up to a growing limit (synchronously, before any later read). */
class StampedFile {
  private stamped = 0;
  private readonly fd: number;

  constructor(readonly file: string, readonly size: number) {
    this.fd = openSync(file, 'r+');
  }

  static async create(file: string, size: number): Promise<StampedFile> {
    await writeFile(file, Buffer.alloc(size, 'X'));
    return new StampedFile(file, size);
  }

  stampUpTo(limit: number): void {
    const end = Math.min(this.size, limit);
    if (end <= this.stamped) return;
    writeSync(this.fd, Buffer.alloc(end - this.stamped, 'O'), 0, end - this.stamped, this.stamped);
    this.stamped = end;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Bytes written so far to the download's hidden temp file beside `target` (0 before it exists). */
function partialBytes(target: string): number {
  const prefix = `.${path.basename(target)}.`;
  const part = readdirSync(path.dirname(target)).find((name) => name.startsWith(prefix) && name.endsWith('.part'));
  if (part === undefined) return 0;
  try {
    return statSync(path.join(path.dirname(target), part)).size;
  } catch {
    return 0;
  }
}

describe('WebFTP transfers hold a bounded number of bytes, through the tools over MCP', () => {
  // Loopback socket buffers (sender and receiver) hold bytes that left one process and did not reach the other yet; the
  // allowance covers them plus the client's own buffers. A file 3× the allowance makes any unbounded buffering show.
  const ALLOWANCE = 8 * MiB;
  const SIZE = 24 * MiB;
  let f: WebftpFixture;
  const call = (tool: string, args: Record<string, unknown>) => f.t.call(tool, { workspace: f.workspace, server_id: f.serverId, ...args });

  beforeAll(async () => {
    f = await webftpFixture();
  });
  afterAll(async () => f.t.close());
  afterEach(() => f.t.sandbox.faults.clear());

  it('webftp_upload_file never reads further ahead of what the object store received than the allowance (slow store)', async () => {
    const local = await StampedFile.create(path.join(f.root, 'stamped.bin'), SIZE);
    try {
      local.stampUpTo(ALLOWANCE);
      f.t.sandbox.faults.s3.bytesPerSecond = 48 * MiB;
      let received = 0;
      f.t.sandbox.faults.s3Taps.onPutBytes = (_key, total) => {
        received = total;
        local.stampUpTo(total + ALLOWANCE);
      };
      const up = await call('webftp_upload_file', { local_file_path: local.file, remote_file_path: '/tmp/stamped.bin' });
      expect(up.error).toBeUndefined();
      expect(received).toBe(SIZE);
      const uploaded = await f.t.sandbox.world.host(f.serverId).fs.readFile('/tmp/stamped.bin');
      expect(uploaded.length).toBe(SIZE);
      expect({ firstByteReadTooEarly: uploaded.indexOf('X') }).toEqual({ firstByteReadTooEarly: -1 });
    } finally {
      local.close();
    }
  });

  it('webftp_upload_file sends an empty file (the ring ends before its first read)', async () => {
    const local = path.join(f.root, 'empty.bin');
    await writeFile(local, '');
    const up = await call('webftp_upload_file', { local_file_path: local, remote_file_path: '/tmp/empty.bin' });
    expect(up.error).toBeUndefined();
    expect((await f.t.sandbox.world.host(f.serverId).fs.readFile('/tmp/empty.bin')).length).toBe(0);
  });

  it('an upload refused early by the store (503, cut after 200 KB) fails once instead of waiting for bytes that never leave', async () => {
    const local = path.join(f.root, 'refused.bin');
    await writeFile(local, Buffer.alloc(1024 * 1024, 7));
    for (const apply of [() => (f.t.sandbox.faults.s3.error5xx = 503), () => (f.t.sandbox.faults.s3.failAfterBytes = 200_000)]) {
      apply();
      const up = await call('webftp_upload_file', { local_file_path: local, remote_file_path: '/tmp/refused.bin' });
      f.t.sandbox.faults.clear();
      expect(up.error?.code).toBe('transfer_failed');
    }
  });

  it('webftp_download_file writes what it receives as it goes: the file on disk never trails the store by more than the allowance', async () => {
    await f.t.sandbox.world.host(f.serverId).fs.writeFile('/tmp/big.bin', Buffer.alloc(SIZE, 'D'));
    const target = path.join(f.root, 'big.bin');
    f.t.sandbox.faults.s3.bytesPerSecond = 48 * MiB;
    let sent = 0;
    let largestLag = 0;
    f.t.sandbox.faults.s3Taps.onGetBytes = (_key, total) => {
      sent = total;
      largestLag = Math.max(largestLag, total - partialBytes(target));
    };
    const down = await call('webftp_download_file', { remote_file_path: '/tmp/big.bin', local_file_path: target });
    expect(down.error).toBeUndefined();
    expect(sent).toBe(SIZE);
    expect(statSync(target).size).toBe(SIZE);
    expect(largestLag).toBeLessThanOrEqual(ALLOWANCE);
  });
});

describe('PresignedTransfer: the exact bounds', () => {
  let f: WebftpFixture;
  beforeAll(async () => {
    f = await webftpFixture();
  });
  afterAll(async () => f.t.close());

  const api = async <T>(sandbox: Sandbox, apiPath: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sandbox.url}${apiPath}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `token="${sandbox.token}"`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as T;
  };

  it('an upload reads at most the ring (slots × chunk) ahead of the bytes handed to the socket', async () => {
    const ring = { chunkBytes: 16 * 1024, slots: 4 };
    const bound = ring.chunkBytes * ring.slots;
    const size = 4 * MiB + 123;
    const local = await StampedFile.create(path.join(f.root, 'ring.bin'), size);
    const { sandbox } = f.t;
    sandbox.faults.s3.bytesPerSecond = 16 * MiB;
    try {
      const created = await api<{ id: string; upload_url: string }>(sandbox, '/api/webftp/uploads/', { name: 'ring.bin', path: '/tmp/', server: f.serverId });
      local.stampUpTo(bound);
      let reported = 0;
      await new PresignedTransfer().putFile(created.upload_url, local.file, {
        ring,
        onProgress: (sent) => {
          reported = sent;
          local.stampUpTo(sent + bound);
        },
      });
      expect(reported).toBeGreaterThan(size - ring.chunkBytes);
      await api(sandbox, `/api/webftp/uploads/${created.id}/upload/`);
      for (let status = await api<{ success?: boolean | null }>(sandbox, `/api/webftp/uploads/${created.id}/status/`); status.success !== true;) {
        expect(status.success).not.toBe(false);
        status = await api(sandbox, `/api/webftp/uploads/${created.id}/status/`);
      }
      const uploaded = await sandbox.world.host(f.serverId).fs.readFile('/tmp/ring.bin');
      expect(uploaded.length).toBe(size);
      expect({ firstByteReadTooEarly: uploaded.indexOf('X') }).toEqual({ firstByteReadTooEarly: -1 });
    } finally {
      sandbox.faults.clear();
      local.close();
    }
  });

  it('a download into a slow destination holds at most a few chunks received but not yet written', async () => {
    const size = 8 * MiB;
    const { sandbox } = f.t;
    await sandbox.world.host(f.serverId).fs.writeFile('/tmp/slow-sink.bin', Buffer.alloc(size, 'S'));
    const created = await api<{ download_url: string; command: string }>(sandbox, '/api/webftp/downloads/', { path: '/tmp/slow-sink.bin', name: 'slow-sink.bin', server: f.serverId, resource_type: 'file' });
    while ((await api<{ status: string }>(sandbox, `/api/events/commands/${created.command}/`)).status !== 'completed');
    let written = 0;
    let largestLag = 0;
    // Each write completes on a later turn of the event loop, far slower than loopback delivers bytes.
    const slow = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        setTimeout(() => {
          written += chunk.length;
          callback();
        }, 1);
      },
    });
    const result = await new PresignedTransfer().getToStream(created.download_url, slow, {
      onProgress: (received) => {
        largestLag = Math.max(largestLag, received - written);
      },
    });
    expect(result.bytes).toBe(size);
    expect(written).toBe(size);
    // got's buffer + the response's + the destination's, each a socket read (64 KiB) or a high-water mark (16 KiB).
    expect(largestLag).toBeLessThanOrEqual(512 * 1024);
  });

  it('the young-generation collection leaves no `gc` behind in new contexts', () => {
    collectYoungGarbage();
    collectYoungGarbage();
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Faults, S3Taps } from '../http/faults.js';
import type { Router, SandboxRequest } from '../http/types.js';
import { BUCKET, type Presigner, s3ErrorXml } from './presign.js';
import { byteGate, LimitExceeded, throttle } from './throttle.js';

/**
 * The sandbox's presigned object store at `/s3/<bucket>/<key>`: streamed PUT and GET (never buffered), signature and
 * expiry checks, a size limit, and the S3 faults (`faults.s3`: `bytesPerSecond`, `failAfterBytes`, `error5xx`).
 * `faults.s3.maxObjectBytes` overrides the size limit (default 2 GiB) and `faults.s3.urlExpiresSeconds` the lifetime
 * of new URLs (default 3600).
 */

export const DEFAULT_MAX_OBJECT_BYTES = 2 * 1024 ** 3;

export interface StoredObject {
  key: string;
  blobPath: string;
  size: number;
  contentType: string;
  etag: string;
  createdAt: Date;
}

/** Deletes a partly written blob once its stream has closed (an in-flight open could otherwise recreate it). */
async function removeAfterClose(sink: WriteStream, path: string): Promise<void> {
  if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
  await unlink(path).catch(() => undefined);
}

export class ObjectStore {
  private readonly objects = new Map<string, StoredObject>();

  constructor(
    private readonly dataDir: string,
    readonly presigner: Presigner,
    private readonly faults: S3Faults,
    private readonly taps: S3Taps = {},
  ) {}

  get maxBytes(): number {
    return this.faults.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
  }

  get urlLifetimeSeconds(): number {
    return this.faults.urlExpiresSeconds ?? 3600;
  }

  get(key: string): StoredObject | undefined {
    return this.objects.get(key);
  }

  /** Removes an object from the store, leaving its blob file to the caller (e.g. to move it into a VFS). */
  take(key: string): StoredObject | undefined {
    const object = this.objects.get(key);
    this.objects.delete(key);
    return object;
  }

  newBlobPath(): string {
    return join(this.dataDir, `object-${randomUUID()}`);
  }

  /** Stores an object produced inside the sandbox (a download), streamed into a blob. */
  async putStream(key: string, source: Readable, contentType: string): Promise<StoredObject> {
    const blobPath = this.newBlobPath();
    const hash = createHash('md5');
    const hashing = new Transform({ transform: (chunk: Buffer, _e, callback) => (hash.update(chunk), callback(null, chunk)) });
    const sink = createWriteStream(blobPath);
    try {
      await pipeline(source, hashing, sink);
    } catch (error) {
      await removeAfterClose(sink, blobPath);
      throw error;
    }
    const { size } = await stat(blobPath);
    const object = { key, blobPath, size, contentType, etag: hash.digest('hex'), createdAt: new Date() };
    this.replace(object);
    return object;
  }

  register(router: Router): void {
    router.add('PUT', '/s3/:bucket/*key', (req, res) => this.handlePut(req, res), { auth: false, rawBody: true });
    router.add('GET', '/s3/:bucket/*key', (req, res) => this.handleGet(req, res), { auth: false, rawBody: true });
    router.add('HEAD', '/s3/:bucket/*key', (req, res) => this.handleGet(req, res), { auth: false, rawBody: true });
  }

  private replace(object: StoredObject): void {
    const previous = this.objects.get(object.key);
    this.objects.set(object.key, object);
    if (previous !== undefined && previous.blobPath !== object.blobPath) void unlink(previous.blobPath).catch(() => undefined);
  }

  /** Signature, bucket and 5xx-fault checks shared by PUT and GET; answers and returns false when refused. */
  private admit(req: SandboxRequest, res: ServerResponse): boolean {
    const key = req.params.key ?? '';
    if (req.params.bucket !== BUCKET) return this.fail(req, res, 404, 'NoSuchBucket', 'The specified bucket does not exist', key);
    const verdict = this.presigner.verify(req.method, key, req.query);
    if (!verdict.ok) return this.fail(req, res, 403, verdict.code, verdict.message, key);
    const status = this.faults.error5xx;
    if (status !== undefined && status >= 500) {
      return this.fail(req, res, status, status === 503 ? 'SlowDown' : 'InternalError', 'We encountered an internal error. Please try again.', key);
    }
    return true;
  }

  private fail(req: SandboxRequest, res: ServerResponse, status: number, code: string, message: string, key: string): false {
    const body = req.method === 'HEAD' ? '' : s3ErrorXml(code, message, key);
    // A refused upload is not read; close the connection instead of draining gigabytes.
    const close = req.method === 'PUT' && !req.raw.complete;
    res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(body)), ...(close ? { Connection: 'close' } : {}) });
    res.end(body);
    if (close) req.raw.resume();
    return false;
  }

  private async handlePut(req: SandboxRequest, res: ServerResponse): Promise<'handled'> {
    const key = req.params.key ?? '';
    if (!this.admit(req, res)) return 'handled';
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      this.fail(req, res, 413, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', key);
      return 'handled';
    }
    const socket = req.raw.socket;
    const blobPath = this.newBlobPath();
    const hash = createHash('md5');
    const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream> = [req.raw];
    if (this.faults.bytesPerSecond !== undefined) stages.push(throttle(this.faults.bytesPerSecond));
    stages.push(byteGate({ maxBytes: this.maxBytes, failAfterBytes: this.faults.failAfterBytes }, (total) => this.taps.onPutBytes?.(key, total)));
    stages.push(new Transform({ transform: (chunk: Buffer, _e, callback) => (hash.update(chunk), callback(null, chunk)) }));
    const sink = createWriteStream(blobPath);
    try {
      await pipeline([...stages, sink]);
    } catch (error) {
      await removeAfterClose(sink, blobPath);
      if (error instanceof LimitExceeded && error.kind === 'size') {
        this.fail(req, res, 413, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', key);
      } else {
        socket.destroy();
      }
      return 'handled';
    }
    const finalPath = this.newBlobPath();
    await rename(blobPath, finalPath);
    const { size } = await stat(finalPath);
    const etag = hash.digest('hex');
    this.replace({ key, blobPath: finalPath, size, contentType: String(req.headers['content-type'] ?? 'application/octet-stream'), etag, createdAt: new Date() });
    res.writeHead(200, { ETag: `"${etag}"`, 'Content-Length': '0' });
    res.end();
    return 'handled';
  }

  private async handleGet(req: SandboxRequest, res: ServerResponse): Promise<'handled'> {
    const key = req.params.key ?? '';
    if (!this.admit(req, res)) return 'handled';
    if ((this.faults.redirectGets ?? 0) > 0) {
      this.faults.redirectGets = (this.faults.redirectGets ?? 1) - 1;
      res.writeHead(307, { Location: req.raw.url ?? '/', 'Content-Length': '0' });
      res.end();
      return 'handled';
    }
    const object = this.objects.get(key);
    if (object === undefined) {
      this.fail(req, res, 404, 'NoSuchKey', 'The specified key does not exist.', key);
      return 'handled';
    }
    res.writeHead(200, {
      'Content-Type': object.contentType, 'Content-Length': String(object.size), ETag: `"${object.etag}"`,
      'Last-Modified': object.createdAt.toUTCString(), 'Accept-Ranges': 'none',
    });
    if (req.method === 'HEAD') {
      res.end();
      return 'handled';
    }
    const socket = req.raw.socket;
    const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream> = [createReadStream(object.blobPath)];
    if (this.faults.bytesPerSecond !== undefined) stages.push(throttle(this.faults.bytesPerSecond));
    if (this.faults.failAfterBytes !== undefined || this.taps.onGetBytes !== undefined) {
      stages.push(byteGate({ failAfterBytes: this.faults.failAfterBytes }, (total) => this.taps.onGetBytes?.(key, total)));
    }
    try {
      await pipeline([...stages, res]);
    } catch {
      socket.destroy();
    }
    return 'handled';
  }
}

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { api } from './ws-client.js';

const MiB = 1024 * 1024;
/** Big enough that a buffered transfer would show: RSS has a fixed slack of ~50-60 MiB (allocator, GC) at any size. */
const SIZE_MIB = Number(process.env.SANDBOX_STREAM_MIB ?? 128);

/** The same (never modified) buffer every time, so the test itself creates no garbage that would blur the RSS reading. */
const BLOCK = Buffer.alloc(MiB, 0x5a);
function* chunks(): Generator<Buffer> {
  for (let index = 0; index < SIZE_MIB; index += 1) yield BLOCK;
}

function put(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { 'Content-Length': String(SIZE_MIB * MiB) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    Readable.from(chunks()).pipe(req);
  });
}

function getHash(url: string): Promise<{ status: number; hash: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, hash: hash.digest('hex'), bytes }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('WebFTP streaming stays out of memory', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ servers: 1, commandStepMs: 5 });
  });
  afterAll(() => sandbox.stop());

  it(`moves ${SIZE_MIB} MiB up and down with RSS growth well below the file size`, async () => {
    const server = sandbox.world.servers.all()[0];
    sandbox.world.servers.require(server.id).is_connected = true;
    const call = <T>(method: string, path: string, body?: unknown) => api<T>(sandbox.url, sandbox.token, method, path, body);
    const expected = createHash('sha256');
    for (const chunk of chunks()) expected.update(chunk);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const created = await call<{ id: string; upload_url: string }>('POST', '/api/webftp/uploads/', { name: 'big.bin', path: '/tmp', server: server.id });
      expect(await put(created.body.upload_url)).toBe(200);
      await call('GET', `/api/webftp/uploads/${created.body.id}/upload/`);
      let status: { success: boolean | null } = { success: null };
      while (status.success === null) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = (await call<{ success: boolean | null }>('GET', `/api/webftp/uploads/${created.body.id}/status/`)).body;
      }
      expect(status.success).toBe(true);
      const download = await call<{ id: string; download_url: string }>('POST', '/api/webftp/downloads/', { path: '/tmp/big.bin', server: server.id, resource_type: 'file' });
      let ready: { success: boolean | null } = { success: null };
      while (ready.success === null) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        ready = (await call<{ success: boolean | null }>('GET', `/api/webftp/downloads/${download.body.id}/status/`)).body;
      }
      expect(ready.success).toBe(true);
      const fetched = await getHash(download.body.download_url);
      expect(fetched).toEqual({ status: 200, hash: expected.digest('hex'), bytes: SIZE_MIB * MiB });
    } finally {
      clearInterval(sampler);
    }
    if (process.env.SANDBOX_REPORT === '1') process.stderr.write(`streaming: RSS growth ${((peak - before) / MiB).toFixed(1)} MiB for ${SIZE_MIB} MiB each way\n`);
    expect(peak - before).toBeLessThan(SIZE_MIB * 0.75 * MiB);
  }, 120_000);
});

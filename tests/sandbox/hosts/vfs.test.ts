import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VfsError } from '../../../sandbox/world/vfs.js';
import { makeHost, type TestHost } from './helpers.js';

const MiB = 1024 * 1024;

function* chunks(count: number): Generator<Buffer> {
  for (let index = 0; index < count; index += 1) yield Buffer.alloc(MiB, index % 251);
}

describe('virtual file system', () => {
  let env: TestHost;
  beforeEach(async () => {
    env = await makeHost();
  });
  afterEach(() => env.cleanup());

  it('seeds a believable tree', () => {
    const fs = env.host.fs;
    expect(fs.readdir('/').map((entry) => entry.name)).toEqual(expect.arrayContaining(['etc', 'home', 'root', 'tmp', 'var']));
    expect(fs.stat('/tmp').mode).toBe(0o1777);
    expect(fs.stat('/home/alice')).toMatchObject({ kind: 'dir', owner: 'alice' });
    expect(fs.readdir('/home/alice').map((entry) => entry.name)).toEqual(['.bashrc', '.profile', 'notes.txt']);
  });

  it('builds the tree on first use: a command that reads no file leaves it unbuilt, the next look sees it whole', async () => {
    expect((env.host.fs as unknown as { tree?: unknown }).tree).toBeUndefined();
    expect((await env.host.exec('uptime', { user: 'root' })).exitCode).toBe(0);
    expect((env.host.fs as unknown as { tree?: unknown }).tree).toBeUndefined();
    // A shell of a user without a home (carol is not among the host's users) still gets one, made once the tree exists.
    const carol = await env.host.exec('pwd; cat /etc/hostname; ls /home', { user: 'carol' });
    expect((env.host.fs as unknown as { tree?: unknown }).tree).toBeDefined();
    expect(carol.output).toBe('/home/carol\nweb-01\nalice\nbob\ncarol\n');
    expect(env.host.fs.stat('/home/carol')).toMatchObject({ kind: 'dir', owner: 'carol', mode: 0o750 });
  });

  it('mkdir -p, write, read, stat, remove, with typed errors', async () => {
    const fs = env.host.fs;
    fs.mkdir('/srv/app/logs', { parents: true });
    await fs.writeFile('/srv/app/logs/a.log', 'one\n');
    await fs.writeFile('/srv/app/logs/a.log', 'two\n', { append: true });
    expect((await fs.readFile('/srv/app/logs/a.log')).toString()).toBe('one\ntwo\n');
    expect(fs.stat('/srv/app/logs/a.log')).toMatchObject({ kind: 'file', size: 8, owner: 'root' });
    expect(() => fs.mkdir('/srv/app')).toThrow(VfsError);
    expect(() => fs.remove('/srv/app')).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    fs.remove('/srv/app', { recursive: true });
    expect(fs.exists('/srv/app')).toBe(false);
    expect(() => fs.stat('/srv/app/logs/a.log')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    await expect(fs.writeFile('/etc/x', 'no', { as: 'alice' })).rejects.toMatchObject({ code: 'EACCES' });
  });

  // Memory use while streaming is measured by bench/webftp-stream (speed and memory targets live in benchmarks, not tests).
  it('streams a 64 MiB file in and out through a blob, byte for byte', async () => {
    const fs = env.host.fs;
    const expected = createHash('sha256');
    for (const chunk of chunks(64)) expected.update(chunk);
    await pipeline(Readable.from(chunks(64)), fs.createWriteStream('/tmp/big.bin', { as: 'alice' }));
    expect(fs.stat('/tmp/big.bin')).toMatchObject({ size: 64 * MiB, owner: 'alice' });
    const actual = createHash('sha256');
    await pipeline(fs.createReadStream('/tmp/big.bin'), async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) actual.update(chunk);
    });
    expect(actual.digest('hex')).toBe(expected.digest('hex'));
    const head = await fs.readFile('/tmp/big.bin', { maxBytes: 10 });
    expect(head).toEqual(Buffer.alloc(10, 0));
  });

  it('a write stream destroyed midway leaves neither a file nor a blob', async () => {
    const fs = env.host.fs;
    const stream = fs.createWriteStream('/tmp/partial.bin');
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.once('error', () => undefined);
    stream.write(Buffer.alloc(1000));
    stream.destroy(new Error('client went away'));
    await closed;
    expect(fs.exists('/tmp/partial.bin')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await readdir(env.dataDir)).toEqual([]);
  });

  it('refuses to replace an existing file when overwrite is false', () => {
    expect(() => env.host.fs.createWriteStream('/etc/hostname', { overwrite: false })).toThrow(expect.objectContaining({ code: 'EEXIST' }));
  });
});

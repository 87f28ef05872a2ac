import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listDir, sha256File, unzipFile, webftpFixture, type WebftpFixture } from './webftp-helpers.js';

// webftp_bulk_upload / webftp_bulk_download: the flows of alpacon-cli api/ftp/ftp.go (executeBulkUpload, downloadBulk), tool and
// argument names of the Python server's tools/webftp_tools.py. Sandbox routes: sandbox/webftp/uploads.ts, downloads.ts.
describe('webftp bulk transfers against the sandbox', () => {
  let f: WebftpFixture;
  const call = (tool: string, args: Record<string, unknown>) => f.t.call(tool, { workspace: f.workspace, ...args });
  const host = () => f.t.sandbox.world.host(f.serverId);
  const localFiles = async (dir: string, files: Record<string, Buffer | string>) => {
    await mkdir(path.join(f.root, dir), { recursive: true });
    const paths: string[] = [];
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(f.root, dir, name);
      await writeFile(file, content);
      paths.push(file);
    }
    return paths;
  };

  beforeAll(async () => {
    f = await webftpFixture();
  });
  afterAll(async () => f.t.close());
  afterEach(() => f.t.sandbox.faults.clear());

  it('bulk upload: one bulk create, one PUT per file, one bulk trigger, every status polled; contents arrive intact', async () => {
    const big = randomBytes(1024 * 1024 + 3);
    const paths = await localFiles('up', { 'a.txt': 'alpha\n', 'b.bin': big, 'c.conf': 'key=value\n' });
    host().fs.mkdir('/tmp/bulk', { parents: true, owner: 'sandbox-admin' });
    f.t.sandbox.requests.clear();
    const result = await call('webftp_bulk_upload', { server_id: f.serverId, local_file_paths: paths, remote_directory: '/tmp/bulk' });
    expect(result.error).toBeUndefined();
    expect(result.data).toMatchObject({ server_id: f.serverId, remote_directory: '/tmp/bulk', total_files: 3, successful_count: 3, failed_count: 0 });
    const files = (result.data as { files: { name: string; status: string; remote_file_path: string; size: number }[] }).files;
    expect(files.map((x) => [x.name, x.status, x.remote_file_path])).toEqual([
      ['a.txt', 'uploaded', '/tmp/bulk/a.txt'], ['b.bin', 'uploaded', '/tmp/bulk/b.bin'], ['c.conf', 'uploaded', '/tmp/bulk/c.conf'],
    ]);
    expect(Buffer.compare(await host().fs.readFile('/tmp/bulk/b.bin'), big)).toBe(0);
    expect((await host().fs.readFile('/tmp/bulk/a.txt')).toString()).toBe('alpha\n');

    const sent = f.t.sandbox.requests.all();
    expect(sent[0]).toMatchObject({
      method: 'POST', path: '/api/webftp/uploads/bulk/',
      body: { names: ['a.txt', 'b.bin', 'c.conf'], path: '/tmp/bulk/', server: f.serverId, allow_overwrite: false, allow_unzip: false },
    });
    expect(sent.filter((r) => r.method === 'PUT' && r.path.startsWith('/s3/'))).toHaveLength(3);
    expect(sent.filter((r) => r.method === 'PUT').every((r) => r.headers.authorization === undefined)).toBe(true);
    const triggers = sent.filter((r) => r.path === '/api/webftp/uploads/bulk-upload/');
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({ method: 'POST', body: { ids: expect.any(Array) } });
    expect((triggers[0].body as { ids: string[] }).ids).toHaveLength(3);
    const lastPut = Math.max(...sent.map((r, i) => (r.method === 'PUT' ? i : -1)));
    expect(sent.indexOf(triggers[0])).toBeGreaterThan(lastPut);
    for (const id of (triggers[0].body as { ids: string[] }).ids) expect(sent.some((r) => r.path === `/api/webftp/uploads/${id}/status/`)).toBe(true);
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('bulk upload keeps existing remote files unless allow_overwrite (file_exists with per-file results)', async () => {
    await host().fs.writeFile('/tmp/keep.txt', 'original', { owner: 'sandbox-admin' });
    const paths = await localFiles('keep', { 'keep.txt': 'replacement', 'fresh.txt': 'new' });
    const refused = await call('webftp_bulk_upload', { server_id: f.serverId, local_file_paths: paths, remote_directory: '/tmp' });
    expect(refused.error?.code).toBe('file_exists');
    const statuses = (refused.error?.details?.files as { name: string; status: string }[]).map((x) => [x.name, x.status]);
    expect(statuses).toEqual([['keep.txt', 'failed'], ['fresh.txt', 'uploaded']]);
    expect((await host().fs.readFile('/tmp/keep.txt')).toString()).toBe('original');

    f.t.sandbox.requests.clear();
    const replaced = await call('webftp_bulk_upload', { server_id: f.serverId, local_file_paths: paths, remote_directory: '/tmp', allow_overwrite: true });
    expect(replaced.error).toBeUndefined();
    expect(f.t.sandbox.requests.all()[0].body).toMatchObject({ allow_overwrite: true });
    expect((await host().fs.readFile('/tmp/keep.txt')).toString()).toBe('replacement');
  });

  it('a failed PUT stops before the trigger: nothing is placed and nothing is sent twice', async () => {
    const paths = await localFiles('fail', { 'x.bin': randomBytes(600_000), 'y.bin': randomBytes(600_000) });
    f.t.sandbox.faults.s3.failAfterBytes = 300_000;
    f.t.sandbox.requests.clear();
    const result = await call('webftp_bulk_upload', { server_id: f.serverId, local_file_paths: paths, remote_directory: '/tmp' });
    expect(result.error?.code).toBe('transfer_failed');
    expect(result.error?.message).toMatch(/nothing was placed/);
    const sent = f.t.sandbox.requests.all();
    expect(sent.some((r) => r.path === '/api/webftp/uploads/bulk-upload/')).toBe(false);
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(host().fs.exists('/tmp/x.bin') || host().fs.exists('/tmp/y.bin')).toBe(false);
  });

  it('bulk upload refuses bad input before sending anything', async () => {
    const [a] = await localFiles('refuse', { 'same.txt': '1' });
    const [b] = await localFiles('refuse/other', { 'same.txt': '2' });
    const refused = async (args: Record<string, unknown>, code = 'invalid_input') => {
      f.t.sandbox.requests.clear();
      const result = await call('webftp_bulk_upload', { server_id: f.serverId, remote_directory: '/tmp', ...args });
      expect(result.error?.code).toBe(code);
      expect(f.t.sandbox.requests.all()).toEqual([]);
      return result;
    };
    await refused({ local_file_paths: [a, b] });
    await refused({ local_file_paths: [] });
    await refused({ local_file_paths: [a], remote_directory: 'tmp' }, 'path_refused');
    expect((await refused({ local_file_paths: [a, '/etc/passwd'] }, 'path_refused')).error?.details?.rule).toBe('inside_local_roots');
    await refused({ local_file_paths: [path.join(f.root, 'missing.txt')] }, 'not_found');
    await refused({ local_file_paths: [a], server_id: 'web-1' });
  });

  it('bulk download: one bulk request, the agent command, the zip streamed into the local file', async () => {
    const fs = host().fs;
    fs.mkdir('/srv/site/assets', { parents: true });
    await fs.writeFile('/srv/site/index.html', '<h1>hi</h1>\n');
    await fs.writeFile('/srv/site/robots.txt', 'User-agent: *\n');
    await fs.writeFile('/srv/site/assets/app.js', 'run();\n');
    const target = path.join(f.root, 'site.zip');
    f.t.sandbox.requests.clear();
    const result = await call('webftp_bulk_download', { server_id: f.serverId, remote_paths: ['/srv/site/index.html', '/srv/site/robots.txt', '/srv/site/assets'], local_file_path: target });
    expect(result.error).toBeUndefined();
    expect(result.data).toMatchObject({ server_id: f.serverId, local_file_path: target, remote_paths: ['/srv/site/index.html', '/srv/site/robots.txt', '/srv/site/assets'] });
    const entries = await unzipFile(target);
    expect(entries['index.html']).toBe('<h1>hi</h1>\n');
    expect(entries['robots.txt']).toBe('User-agent: *\n');
    expect(entries['assets/app.js']).toBe('run();\n');
    const sent = f.t.sandbox.requests.all();
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/api/webftp/downloads/bulk/', body: { path: ['/srv/site/index.html', '/srv/site/robots.txt', '/srv/site/assets'], server: f.serverId } });
    expect(sent.some((r) => r.path.startsWith('/api/events/commands/'))).toBe(true);
    expect(sent.find((r) => r.method === 'GET' && r.path.startsWith('/s3/'))?.headers.authorization).toBeUndefined();
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect((result.data as { size: number }).size).toBe((await readFile(target)).length);

    // An existing folder receives download.zip; an existing file is kept unless overwrite.
    const again = await call('webftp_bulk_download', { server_id: f.serverId, remote_paths: ['/srv/site/robots.txt'], local_file_path: f.root });
    expect((again.data as { local_file_path: string }).local_file_path).toBe(path.join(f.root, 'download.zip'));
    const before = await sha256File(target);
    f.t.sandbox.requests.clear();
    expect((await call('webftp_bulk_download', { server_id: f.serverId, remote_paths: ['/srv/site/robots.txt'], local_file_path: target })).error?.code).toBe('file_exists');
    expect(f.t.sandbox.requests.all()).toEqual([]);
    expect(await sha256File(target)).toBe(before);
    const replaced = await call('webftp_bulk_download', { server_id: f.serverId, remote_paths: ['/srv/site/robots.txt'], local_file_path: target, overwrite: true });
    expect(replaced.error).toBeUndefined();
    expect(Object.keys(await unzipFile(target))).toEqual(['robots.txt']);
  });

  it('bulk download: a failure leaves no partial file; paths in different folders are refused before sending', async () => {
    const fs = host().fs;
    await fs.writeFile('/tmp/one.bin', randomBytes(1024 * 1024));
    await fs.writeFile('/tmp/two.bin', randomBytes(1024 * 1024));
    const before = await listDir(f.root);
    f.t.sandbox.faults.s3.failAfterBytes = 200_000;
    const failed = await call('webftp_bulk_download', { server_id: f.serverId, remote_paths: ['/tmp/one.bin', '/tmp/two.bin'], local_file_path: path.join(f.root, 'two.zip') });
    expect(failed.error?.code).toBe('transfer_failed');
    expect(await listDir(f.root)).toEqual(before);
    f.t.sandbox.faults.clear();

    const missing = await call('webftp_bulk_download', { server_id: f.serverId, remote_paths: ['/tmp/nope.bin'], local_file_path: path.join(f.root, 'nope.zip') });
    expect(['not_found', 'transfer_failed']).toContain(missing.error?.code);
    expect(await listDir(f.root)).toEqual(before);

    f.t.sandbox.requests.clear();
    const mixed = await call('webftp_bulk_download', { server_id: f.serverId, remote_paths: ['/tmp/one.bin', '/var/two.bin'], local_file_path: path.join(f.root, 'x.zip') });
    expect(mixed.error?.code).toBe('invalid_input');
    const outside = await call('webftp_bulk_download', { server_id: f.serverId, remote_paths: ['/tmp/one.bin'], local_file_path: '/etc/x.zip' });
    expect(outside.error?.code).toBe('path_refused');
    const relative = await call('webftp_bulk_download', { server_id: f.serverId, remote_paths: ['tmp/one.bin'], local_file_path: path.join(f.root, 'y.zip') });
    expect(relative.error?.code).toBe('path_refused');
    expect(f.t.sandbox.requests.all()).toEqual([]);
  });

  it('annotations: additive, destructive only with overwrite switched on', async () => {
    const tools = (await f.t.client.listTools()).tools;
    for (const name of ['webftp_bulk_upload', 'webftp_bulk_download']) {
      const tool = tools.find((x) => x.name === name)!;
      expect(tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
      expect(f.t.app.registry.get(name)?.outputSchema).toBeDefined();
    }
    expect(f.t.app.registry.get('webftp_bulk_upload')?.destructiveIf).toEqual(['allow_overwrite']);
    expect(f.t.app.registry.get('webftp_bulk_download')?.destructiveIf).toEqual(['overwrite']);
  });
});

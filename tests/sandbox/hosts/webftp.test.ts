import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { api, TerminalClient } from './ws-client.js';
import { unzipEntries } from './unzip.js';

interface TransferBody {
  id: string;
  upload_url: string;
  download_url: string;
  command: string;
  size: number;
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('WebFTP presigned transfers', () => {
  let sandbox: Sandbox;
  let serverId: string;
  const call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => api<T>(sandbox.url, sandbox.token, method, path, body);

  const waitStatus = async (kind: 'uploads' | 'downloads', id: string): Promise<{ success: boolean | null; message: string }> => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const status = await call<{ success: boolean | null; message: string; detail?: string }>('GET', `/api/webftp/${kind}/${id}/status/`);
      if (status.status === 422) expect(status.body).toEqual({ detail: 'webftp_transfer_in_progress' });
      else {
        expect(status.status).toBe(200);
        if (status.body.success !== null) return status.body;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('status never settled');
  };
  const upload = async (path: string, name: string, data: Buffer, allowOverwrite = false) => {
    const created = await call<TransferBody>('POST', '/api/webftp/uploads/', { name, path, server: serverId, username: '', groupname: '', allow_overwrite: allowOverwrite, allow_unzip: false });
    expect(created.status).toBe(201);
    const put = await fetch(created.body.upload_url, { method: 'PUT', body: data, headers: { 'Content-Length': String(data.length) } });
    expect(put.status).toBe(200);
    expect((await call('GET', `/api/webftp/uploads/${created.body.id}/upload/`)).status).toBe(200);
    return { created: created.body, status: await waitStatus('uploads', created.body.id) };
  };
  const download = async (path: string, resourceType: 'file' | 'folder' = 'file') => {
    const created = await call<TransferBody>('POST', '/api/webftp/downloads/', { path, name: path.split('/').pop(), server: serverId, username: '', groupname: '', resource_type: resourceType });
    expect(created.status).toBe(201);
    const status = await waitStatus('downloads', created.body.id);
    return { created: created.body, status };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ servers: 2, commandStepMs: 5 });
    serverId = (sandbox.world.servers.all().find((server) => server.is_connected) ?? sandbox.world.servers.all()[0]).id;
  });
  afterAll(() => sandbox.stop());
  afterEach(() => sandbox.faults.clear());

  it('round-trips a binary file with an identical checksum, visible to the shell', async () => {
    const data = randomBytes(300_000);
    const { status } = await upload('/tmp', 'blob.bin', data);
    expect(status.success).toBe(true);
    const shell = await sandbox.world.host(serverId).exec('ls -l /tmp/blob.bin', { user: 'sandbox-admin' });
    expect(shell.output).toContain(' 300000 ');
    const { created, status: downloaded } = await download('/tmp/blob.bin');
    expect(downloaded.success).toBe(true);
    const command = await call<{ status: string; success: boolean }>('GET', `/api/events/commands/${created.command}/`);
    expect(command.body).toMatchObject({ status: 'completed', success: true });
    const response = await fetch(created.download_url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('300000');
    expect(sha(Buffer.from(await response.arrayBuffer()))).toBe(sha(data));
  });

  it('a file uploaded here can be cat-ed through Websh', async () => {
    await upload('/tmp/', 'hello.txt', Buffer.from('hello from webftp\n'));
    const session = await call<{ websocket_url: string }>('POST', '/api/websh/sessions/', { server: serverId, rows: 24, cols: 80 });
    const term = await TerminalClient.open(session.body.websocket_url);
    await term.waitFor('$ ');
    term.send('cat /tmp/hello.txt\r');
    await term.waitFor('hello from webftp\r\n');
    term.close();
  });

  it('accepts the full file path as `path` (Python MCP style) and refuses to overwrite unless allowed', async () => {
    expect((await upload('/tmp/full.txt', 'full.txt', Buffer.from('one'))).status.success).toBe(true);
    const again = await upload('/tmp/full.txt', 'full.txt', Buffer.from('two'));
    expect(again.status).toEqual({ success: false, message: '/tmp/full.txt already exists.' });
    expect((await upload('/tmp', 'full.txt', Buffer.from('three'), true)).status.success).toBe(true);
    expect((await sandbox.world.host(serverId).exec('cat /tmp/full.txt', { user: 'root' })).output).toBe('three');
  });

  it('reports permission errors of the run-as user', async () => {
    const { status } = await upload('/root', 'x.txt', Buffer.from('x'));
    expect(status).toEqual({ success: false, message: '/root/x.txt: Permission denied' });
  });

  it('downloads a folder as a zip with the folder name as the top entry', async () => {
    const host = sandbox.world.host(serverId);
    await host.exec('mkdir -p /tmp/proj/sub && echo a > /tmp/proj/a.txt && echo b > /tmp/proj/sub/b.txt', { user: 'root' });
    const { created, status } = await download('/tmp/proj', 'folder');
    expect(status.success).toBe(true);
    const zip = Buffer.from(await (await fetch(created.download_url)).arrayBuffer());
    const entries = await unzipEntries(zip);
    expect(entries).toEqual({ 'proj/': '', 'proj/a.txt': 'a\n', 'proj/sub/': '', 'proj/sub/b.txt': 'b\n' });
  });

  it('a missing file fails the download command with a message', async () => {
    const { created, status } = await download('/tmp/does-not-exist');
    expect(status.success).toBe(false);
    // The transfer's status is set by the agent's work; the command's final state follows a step later.
    let command = await call<{ status: string; result: string }>('GET', `/api/events/commands/${created.command}/`);
    for (let attempt = 0; attempt < 100 && command.body.status !== 'failed'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      command = await call<{ status: string; result: string }>('GET', `/api/events/commands/${created.command}/`);
    }
    expect(command.body.status).toBe('failed');
    // Today's service: the output is in the command's chunks, result stays empty (CLI cmd/exec/logs.go).
    const chunks = await call<{ results: { content: string }[] }>('GET', `/api/events/commands/${created.command}/chunks/`);
    expect(chunks.body.results.map((c) => c.content).join('')).toContain('No such file or directory');
  });

  it('refuses tampered and expired URLs with 403 S3 errors', async () => {
    const created = await call<TransferBody>('POST', '/api/webftp/uploads/', { name: 't.txt', path: '/tmp', server: serverId });
    const tampered = created.body.upload_url.replace('t.txt', 'u.txt');
    const refused = await fetch(tampered, { method: 'PUT', body: 'x' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    sandbox.faults.s3.urlExpiresSeconds = 0;
    const expiring = await call<TransferBody>('POST', '/api/webftp/uploads/', { name: 'e.txt', path: '/tmp', server: serverId });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const expired = await fetch(expiring.body.upload_url, { method: 'PUT', body: 'x' });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });

  it('enforces the size limit with 413 and stores nothing', async () => {
    sandbox.faults.s3.maxObjectBytes = 1000;
    const created = await call<TransferBody>('POST', '/api/webftp/uploads/', { name: 'big.bin', path: '/tmp', server: serverId });
    const put = await fetch(created.body.upload_url, { method: 'PUT', body: randomBytes(5000) });
    expect(put.status).toBe(413);
    await call('GET', `/api/webftp/uploads/${created.body.id}/upload/`);
    expect((await waitStatus('uploads', created.body.id)).success).toBe(false);
    expect(sandbox.world.host(serverId).fs.exists('/tmp/big.bin')).toBe(false);
  });

  it('S3 faults: 5xx, failure mid-transfer, slow transfer', async () => {
    await upload('/tmp', 'fault.bin', randomBytes(200_000));
    const { created } = await download('/tmp/fault.bin');
    sandbox.faults.s3.error5xx = 503;
    expect((await fetch(created.download_url)).status).toBe(503);
    delete sandbox.faults.s3.error5xx;
    sandbox.faults.s3.failAfterBytes = 50_000;
    await expect(fetch(created.download_url).then((response) => response.arrayBuffer())).rejects.toThrow();
    delete sandbox.faults.s3.failAfterBytes;
    sandbox.faults.s3.bytesPerSecond = 1_000_000;
    const started = Date.now();
    const body = Buffer.from(await (await fetch(created.download_url)).arrayBuffer());
    expect(body.length).toBe(200_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('a PUT that fails mid-transfer leaves no object and no file', async () => {
    sandbox.faults.s3.failAfterBytes = 10_000;
    const created = await call<TransferBody>('POST', '/api/webftp/uploads/', { name: 'half.bin', path: '/tmp', server: serverId });
    await expect(fetch(created.body.upload_url, { method: 'PUT', body: randomBytes(100_000) }).then((response) => response.status)).rejects.toThrow();
    delete sandbox.faults.s3.failAfterBytes;
    await call('GET', `/api/webftp/uploads/${created.body.id}/upload/`);
    expect((await waitStatus('uploads', created.body.id)).success).toBe(false);
    expect(sandbox.world.host(serverId).fs.exists('/tmp/half.bin')).toBe(false);
  });

  it('lists uploads and downloads, newest first, and validates bodies', async () => {
    const uploads = await call<{ count: number; results: Array<{ name: string }> }>('GET', `/api/webftp/uploads/?server=${serverId}`);
    expect(uploads.body.count).toBeGreaterThan(3);
    const downloads = await call<{ results: Array<{ download_url: string }> }>('GET', '/api/webftp/downloads/');
    expect(downloads.body.results[0].download_url).toContain('/s3/');
    const invalid = await call('POST', '/api/webftp/uploads/', { name: 'x', path: 'relative', server: 'nope' });
    expect(invalid).toMatchObject({ status: 400, body: { path: ['Must be an absolute path.'], server: ['Must be a valid UUID.'] } });
  });
});

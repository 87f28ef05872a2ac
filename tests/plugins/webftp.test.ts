import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readdirSync, readlinkSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { toOutcome } from '../helpers/in-process.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { listDir, sha256File, unzipFile, webftpFixture, type WebftpFixture } from './webftp-helpers.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

describe('webftp plugin against the sandbox', () => {
  let f: WebftpFixture;
  const call = (tool: string, args: Record<string, unknown>) => f.t.call(tool, { workspace: f.workspace, ...args });
  const host = () => f.t.sandbox.world.host(f.serverId);

  beforeAll(async () => {
    f = await webftpFixture();
  });
  afterAll(async () => f.t.close());
  afterEach(() => f.t.sandbox.faults.clear());

  it('round-trips a binary file with an identical checksum and the real request flow', async () => {
    const local = path.join(f.root, 'blob.bin');
    await writeFile(local, randomBytes(3 * 1024 * 1024 + 17));
    f.t.sandbox.requests.clear();
    const up = await call('webftp_upload_file', { server_id: f.serverId, local_file_path: local, remote_file_path: '/tmp/blob.bin' });
    expect(up.error).toBeUndefined();
    expect(up.data).toMatchObject({ server_id: f.serverId, remote_file_path: '/tmp/blob.bin', size: 3 * 1024 * 1024 + 17 });
    const sent = f.t.sandbox.requests.all();
    expect(sent[0]).toMatchObject({
      method: 'POST', path: '/api/webftp/uploads/',
      body: { name: 'blob.bin', path: '/tmp/', server: f.serverId, allow_overwrite: false, allow_unzip: false },
    });
    const put = sent.find((r) => r.method === 'PUT');
    expect(put?.path).toMatch(/^\/s3\//);
    expect(put?.headers.authorization).toBeUndefined();
    expect(put?.headers['content-length']).toBe(String(3 * 1024 * 1024 + 17));
    const id = (up.data as { id: string }).id;
    expect(sent.some((r) => r.method === 'GET' && r.path === `/api/webftp/uploads/${id}/upload/`)).toBe(true);
    expect(sent.filter((r) => r.path === `/api/webftp/uploads/${id}/status/`).length).toBeGreaterThan(0);
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);

    const back = path.join(f.root, 'back.bin');
    f.t.sandbox.requests.clear();
    const down = await call('webftp_download_file', { server_id: f.serverId, remote_file_path: '/tmp/blob.bin', local_file_path: back });
    expect(down.error).toBeUndefined();
    expect(down.data).toMatchObject({ local_file_path: back, size: 3 * 1024 * 1024 + 17, resource_type: 'file' });
    expect(await sha256File(back)).toBe(await sha256File(local));
    const downSent = f.t.sandbox.requests.all();
    expect(downSent[0]).toMatchObject({ method: 'POST', path: '/api/webftp/downloads/', body: { path: '/tmp/blob.bin', name: 'blob.bin', server: f.serverId, resource_type: 'file' } });
    expect(downSent.some((r) => r.path.startsWith('/api/events/commands/'))).toBe(true);
    expect(downSent.find((r) => r.method === 'GET' && r.path.startsWith('/s3/'))?.headers.authorization).toBeUndefined();
    expect(await listDir(f.root)).toEqual(['back.bin', 'blob.bin']);
  });

  it('a file uploaded here is visible to the server shell (cat)', async () => {
    const result = await call('webftp_upload_content', { server_id: f.serverId, content: 'hello from webftp\n', remote_file_path: '/tmp/hello.txt' });
    expect(result.error).toBeUndefined();
    const shell = await host().exec('cat /tmp/hello.txt', { user: 'sandbox-admin' });
    expect(shell.exitCode).toBe(0);
    expect(shell.output).toBe('hello from webftp\n');
  });

  it('upload_content decodes base64 exactly', async () => {
    const bytes = randomBytes(1000);
    const result = await call('webftp_upload_content', { server_id: f.serverId, content: bytes.toString('base64'), encoding: 'base64', remote_file_path: '/tmp/b64.bin' });
    expect(result.error).toBeUndefined();
    expect(Buffer.compare(await host().fs.readFile('/tmp/b64.bin'), bytes)).toBe(0);
  });

  it('downloads a folder as a zip with the same contents', async () => {
    const fs = host().fs;
    fs.mkdir('/tmp/proj/src', { parents: true });
    await fs.writeFile('/tmp/proj/README.md', '# proj\n');
    await fs.writeFile('/tmp/proj/src/main.ts', 'console.log(1);\n');
    const result = await call('webftp_download_file', { server_id: f.serverId, remote_file_path: '/tmp/proj', local_file_path: f.root, resource_type: 'folder' });
    expect(result.error).toBeUndefined();
    const zipPath = path.join(f.root, 'proj.zip');
    expect((result.data as { local_file_path: string }).local_file_path).toBe(zipPath);
    const entries = await unzipFile(zipPath);
    expect(entries['proj/README.md']).toBe('# proj\n');
    expect(entries['proj/src/main.ts']).toBe('console.log(1);\n');
  });

  it('never overwrites a local file unless overwrite is true', async () => {
    await host().fs.writeFile('/tmp/new.txt', 'new content');
    const local = path.join(f.root, 'keep.txt');
    await writeFile(local, 'old content');
    f.t.sandbox.requests.clear();
    const refused = await call('webftp_download_file', { server_id: f.serverId, remote_file_path: '/tmp/new.txt', local_file_path: local });
    expect(refused.error?.code).toBe('file_exists');
    expect(f.t.sandbox.requests.all()).toHaveLength(0);
    expect(await readFile(local, 'utf8')).toBe('old content');

    const replaced = await call('webftp_download_file', { server_id: f.serverId, remote_file_path: '/tmp/new.txt', local_file_path: local, overwrite: true });
    expect(replaced.error).toBeUndefined();
    expect(await readFile(local, 'utf8')).toBe('new content');
  });

  it('never overwrites a remote file unless overwrite is true (allow_overwrite passed on)', async () => {
    await host().fs.writeFile('/tmp/remote.txt', 'original', { owner: 'sandbox-admin' });
    const refused = await call('webftp_upload_content', { server_id: f.serverId, content: 'replacement', remote_file_path: '/tmp/remote.txt' });
    expect(refused.error?.code).toBe('file_exists');
    expect((await host().fs.readFile('/tmp/remote.txt')).toString()).toBe('original');
    f.t.sandbox.requests.clear();
    const replaced = await call('webftp_upload_content', { server_id: f.serverId, content: 'replacement', remote_file_path: '/tmp/remote.txt', overwrite: true });
    expect(replaced.error).toBeUndefined();
    expect(f.t.sandbox.requests.all()[0].body).toMatchObject({ allow_overwrite: true });
    expect((await host().fs.readFile('/tmp/remote.txt')).toString()).toBe('replacement');
  });

  it('an expired presigned URL fails the download and leaves no file', async () => {
    await host().fs.writeFile('/tmp/exp.bin', randomBytes(50_000));
    f.t.sandbox.faults.s3.urlExpiresSeconds = 0;
    await sleep(1100); // presigned dates have whole seconds
    const before = await listDir(f.root);
    const result = await call('webftp_download_file', { server_id: f.serverId, remote_file_path: '/tmp/exp.bin', local_file_path: path.join(f.root, 'exp.bin') });
    expect(result.error?.code).toBe('transfer_failed');
    expect(result.error?.details?.reason).toBe('expired');
    expect(await listDir(f.root)).toEqual(before);
  });

  it('an expired presigned URL fails the upload and nothing reaches the server', async () => {
    f.t.sandbox.faults.s3.urlExpiresSeconds = 0;
    const result = await call('webftp_upload_content', { server_id: f.serverId, content: 'late', remote_file_path: '/tmp/late.txt' });
    expect(result.error?.code).toBe('transfer_failed');
    expect(result.error?.details?.reason).toBe('expired');
    expect(host().fs.exists('/tmp/late.txt')).toBe(false);
  });

  it('an S3 failure mid-download leaves no partial file', async () => {
    await host().fs.writeFile('/tmp/big.bin', randomBytes(2 * 1024 * 1024));
    const before = await listDir(f.root);
    f.t.sandbox.faults.s3.failAfterBytes = 300_000;
    const result = await call('webftp_download_file', { server_id: f.serverId, remote_file_path: '/tmp/big.bin', local_file_path: path.join(f.root, 'big.bin') });
    expect(result.error?.code).toBe('transfer_failed');
    expect(['network', 'incomplete']).toContain(result.error?.details?.reason);
    expect(await listDir(f.root)).toEqual(before);
  });

  it('an S3 failure mid-upload is an error and the remote file does not appear', async () => {
    const local = path.join(f.root, 'up-fail.bin');
    await writeFile(local, randomBytes(2 * 1024 * 1024));
    f.t.sandbox.faults.s3.failAfterBytes = 300_000;
    f.t.sandbox.requests.clear();
    const result = await call('webftp_upload_file', { server_id: f.serverId, local_file_path: local, remote_file_path: '/tmp/up-fail.bin' });
    expect(result.error?.code).toBe('transfer_failed');
    expect(host().fs.exists('/tmp/up-fail.bin')).toBe(false);
    // The agent is never triggered for bytes that did not arrive.
    expect(f.t.sandbox.requests.filter({ path: /^\/api\/webftp\/uploads\/[^/]+\/upload\/$/ })).toHaveLength(0);
  });

  it('a missing remote file is not_found and leaves nothing', async () => {
    const before = await listDir(f.root);
    const result = await call('webftp_download_file', { server_id: f.serverId, remote_file_path: '/tmp/nope.txt', local_file_path: path.join(f.root, 'nope.txt') });
    expect(result.error?.code).toBe('not_found');
    expect(await listDir(f.root)).toEqual(before);
  });

  it('reports progress when asked and cleans up on cancellation', async () => {
    await host().fs.writeFile('/tmp/slow.bin', randomBytes(1024 * 1024));
    f.t.sandbox.faults.s3.bytesPerSecond = 512 * 1024;
    const before = await listDir(f.root);
    const progress: { progress: number; total?: number }[] = [];
    const controller = new AbortController();
    const pending = f.t.client
      .callTool(
        { name: 'webftp_download_file', arguments: { workspace: f.workspace, server_id: f.serverId, remote_file_path: '/tmp/slow.bin', local_file_path: path.join(f.root, 'slow.bin') } },
        undefined,
        { signal: controller.signal, onprogress: (p) => progress.push(p), timeout: 30_000 },
      )
      .catch((error: unknown) => error);
    while (progress.length < 2) await sleep(50);
    controller.abort();
    await pending;
    expect(progress[0].total).toBe(1024 * 1024);
    expect(progress[1].progress).toBeGreaterThan(0);
    await sleep(2500); // longer than the whole transfer would take: a transfer that was not aborted would have landed
    expect(await listDir(f.root)).toEqual(before);
  });

  // The upload flow of alpacon-cli api/ftp/ftp.go (executeSingleUpload): POST /api/webftp/uploads/, PUT the file to the
  // returned upload_url (uploadToS3), then GET /api/webftp/uploads/{id}/upload/ to trigger the agent, then poll status/.
  // A cancel during the PUT must stop before that trigger.
  it('an upload cancelled mid-stream closes the local file, sends no trigger and leaves no remote file; the next upload works', async () => {
    // Larger than the loopback socket buffers, so the cancel lands while the upload is still reading the file.
    const size = 16 * 1024 * 1024;
    const local = path.join(f.root, 'cancelled.bin');
    await writeFile(local, randomBytes(size));
    const isOpen = () => readdirSync('/proc/self/fd').some((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === local;
      } catch {
        return false;
      }
    });
    f.t.sandbox.faults.s3.bytesPerSecond = 2 * 1024 * 1024;
    let received = 0;
    f.t.sandbox.faults.s3Taps.onPutBytes = (_key, total) => (received = total);
    f.t.sandbox.requests.clear();
    const controller = new AbortController();
    const pending = f.t.client
      .callTool(
        { name: 'webftp_upload_file', arguments: { workspace: f.workspace, server_id: f.serverId, local_file_path: local, remote_file_path: '/tmp/cancelled.bin' } },
        undefined,
        { signal: controller.signal, timeout: 30_000 },
      )
      .catch((error: unknown) => error);
    while (received < 1024 * 1024) await sleep(20);
    expect(isOpen()).toBe(true);
    controller.abort();
    await pending;
    while (isOpen()) await sleep(20); // the server side tears down after the client gave up; bounded by jest's timeout
    expect(received).toBeLessThan(size);
    expect(f.t.sandbox.requests.filter({ path: /^\/api\/webftp\/uploads\/[^/]+\/upload\/$/ })).toHaveLength(0);
    expect(host().fs.exists('/tmp/cancelled.bin')).toBe(false);
    f.t.sandbox.faults.clear();
    const again = await call('webftp_upload_file', { server_id: f.serverId, local_file_path: local, remote_file_path: '/tmp/cancelled.bin' });
    expect(again.error).toBeUndefined();
    expect(Buffer.compare(await host().fs.readFile('/tmp/cancelled.bin'), await readFile(local))).toBe(0);
  });

  it('reports upload progress with the file size as total', async () => {
    const local = path.join(f.root, 'progress.bin');
    await writeFile(local, randomBytes(1024 * 1024));
    f.t.sandbox.faults.s3.bytesPerSecond = 2 * 1024 * 1024;
    const progress: { progress: number; total?: number }[] = [];
    const raw = await f.t.client.callTool(
      { name: 'webftp_upload_file', arguments: { workspace: f.workspace, server_id: f.serverId, local_file_path: local, remote_file_path: '/tmp/progress.bin' } },
      undefined,
      { onprogress: (p) => progress.push(p) },
    );
    expect(toOutcome(raw as CallToolResult).ok).toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.total === 1024 * 1024)).toBe(true);
  });

  it('lists uploads and downloads without presigned URLs', async () => {
    f.t.sandbox.requests.clear();
    const uploads = await call('webftp_uploads_list', { server_id: f.serverId, page_size: 5 });
    expect(uploads.error).toBeUndefined();
    expect(f.t.sandbox.requests.all()[0]).toMatchObject({ method: 'GET', path: '/api/webftp/uploads/', query: { server: f.serverId, page: '1', page_size: '5' } });
    const items = (uploads.data as { results: Record<string, unknown>[] }).results;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => !('upload_url' in item) && !('download_url' in item))).toBe(true);
    const downloads = await call('webftp_downloads_list', {});
    expect((downloads.data as { count: number }).count).toBeGreaterThan(0);
  });

  it('checks a transfer status, and an unknown id is not_found', async () => {
    const up = await call('webftp_upload_content', { server_id: f.serverId, content: 'x', remote_file_path: '/tmp/status.txt' });
    const id = (up.data as { id: string }).id;
    const status = await call('webftp_check_status', { file_id: id, transfer_type: 'upload' });
    expect(status.data).toMatchObject({ file_id: id, state: 'succeeded', success: true });
    const unknown = await call('webftp_check_status', { file_id: UNKNOWN_ID, transfer_type: 'download' });
    expect(unknown.error?.code).toBe('not_found');
  });

  it('creates and lists WebFTP sessions', async () => {
    f.t.sandbox.requests.clear();
    const created = await call('webftp_session_create', { server_id: f.serverId });
    expect(created.error).toBeUndefined();
    expect(f.t.sandbox.requests.all()[0]).toMatchObject({ method: 'POST', path: '/api/webftp/sessions/', body: { server: f.serverId } });
    const listed = await call('webftp_sessions_list', { server_id: f.serverId });
    const ids = (listed.data as { results: { id: string }[] }).results.map((s) => s.id);
    expect(ids).toContain((created.data as { id: string }).id);
  });

  it('an unknown server is refused by Alpacon', async () => {
    const result = await call('webftp_session_create', { server_id: UNKNOWN_ID });
    expect(result.ok).toBe(false);
    expect(result.error?.status).toBe(400);
  });

  it('invalid arguments send nothing', async () => {
    f.t.sandbox.requests.clear();
    const results = await Promise.all([
      call('webftp_upload_file', { server_id: 'nope', local_file_path: '/x', remote_file_path: '/y' }),
      call('webftp_download_file', { server_id: f.serverId, remote_file_path: '/a', local_file_path: path.join(f.root, 'a'), resource_type: 'disk' }),
      call('webftp_check_status', { file_id: 'nope', transfer_type: 'upload' }),
      call('webftp_uploads_list', { page_size: 1000 }),
      call('webftp_upload_content', { server_id: f.serverId, content: 'x', remote_file_path: '/tmp/x', unknown: 1 }),
      call('webftp_upload_content', { server_id: f.serverId, content: '@@@', encoding: 'base64', remote_file_path: '/tmp/x' }),
    ]);
    for (const result of results) expect(result.error?.code).toBe('invalid_input');
    expect(f.t.sandbox.requests.all()).toHaveLength(0);
  });
});

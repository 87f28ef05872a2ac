import { expect, it } from '@jest/globals';
import { mkdtempSync, realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiError } from '../../core/http/api-errors.js';
import { isTransferInProgress } from '../../plugins/webftp/in-progress.js';
import { listDir } from '../plugins/webftp-helpers.js';
import { describeGenerations } from './generations.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

/**
 * WebFTP against both server generations (shared/alpacon-api.md section 0):
 * - "WebFTP status poll": today's service answers HTTP 422 {"detail":"webftp_transfer_in_progress"} while the agent works;
 *   the client keeps polling, matching the text (alpacon-cli api/ftp/ftp.go PollTransferStatus, api/ftp/ftp_test.go
 *   TestPollTransferStatus_RetriesWhileInProgress).
 * - "presigned GET": retried on non-fatal statuses with backoff, redirects followed (alpacon-cli api/ftp/ftp.go fetchFromURLToFile).
 * - webftp_session_create sends work_session (alpacon-mcp Python tools/webftp_tools.py).
 * - the 2024 server has no WebFTP app (alpacanetworks/alpacon-server alpacon/urls.py, settings.REST_API_APPS): unsupported.
 */
const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'contract-webftp-')));
const TRANSFER_TOOLS = ['webftp_upload_content', 'webftp_upload_file', 'webftp_download_file', 'webftp_check_status', 'webftp_uploads_list',
  'webftp_downloads_list', 'webftp_session_create', 'webftp_sessions_list'];

it('in-progress is recognised by its text in detail, code or a bare string body (api/ftp/ftp.go keys off the text)', () => {
  expect(isTransferInProgress(apiError(422, { detail: 'webftp_transfer_in_progress' }))).toBe(true);
  expect(isTransferInProgress(apiError(422, { code: 'webftp_transfer_in_progress' }))).toBe(true);
  expect(isTransferInProgress(apiError(422, 'webftp_transfer_in_progress'))).toBe(true);
  expect(isTransferInProgress(apiError(422, ['webftp_transfer_in_progress']))).toBe(true);
  expect(isTransferInProgress(apiError(422, { detail: 'file too large' }))).toBe(false);
  expect(isTransferInProgress(apiError(403, { detail: 'permission denied' }))).toBe(false);
});

describeGenerations('WebFTP contract', ({ generation, mcp }) => {
  const server = () => {
    const servers = mcp().sandbox.world.servers.all();
    return (servers.find((s) => s.is_connected) ?? servers[0]).id;
  };
  const call = (tool: string, args: Record<string, unknown>) => mcp().call(tool, { workspace: mcp().sandbox.workspace, ...args });

  if (generation === '2024') {
    it('every WebFTP tool says the server has no WebFTP (unsupported), not a crash or "not found"', async () => {
      const local = path.join(root, 'up-2024.txt');
      await writeFile(local, 'x');
      const args: Record<string, Record<string, unknown>> = {
        webftp_upload_content: { server_id: server(), content: 'x', remote_file_path: '/tmp/x.txt' },
        webftp_upload_file: { server_id: server(), local_file_path: local, remote_file_path: '/tmp/x.txt' },
        webftp_download_file: { server_id: server(), remote_file_path: '/etc/hostname', local_file_path: path.join(root, 'down-2024.txt') },
        webftp_check_status: { file_id: UNKNOWN_ID, transfer_type: 'upload' },
        webftp_session_create: { server_id: server() },
      };
      for (const tool of TRANSFER_TOOLS) {
        const outcome = await call(tool, args[tool] ?? {});
        expect({ tool, code: outcome.error?.code }).toEqual({ tool, code: 'unsupported' });
      }
      expect(await listDir(root)).not.toContain('down-2024.txt');
    });
    return;
  }

  it('webftp_upload_content keeps polling through 422 webftp_transfer_in_progress and succeeds; the bytes are sent once', async () => {
    const { sandbox } = mcp();
    sandbox.requests.clear();
    const outcome = await call('webftp_upload_content', { server_id: server(), content: 'hello\n', remote_file_path: '/tmp/contract-upload.txt' });
    expect(outcome.error).toBeUndefined();
    const polls = sandbox.requests.all().filter((r) => r.path.endsWith('/status/'));
    expect(polls.some((r) => r.status === 422)).toBe(true);
    expect(polls.at(-1)?.status).toBe(200);
    expect(sandbox.requests.all().filter((r) => r.method === 'PUT' && r.path.startsWith('/s3/'))).toHaveLength(1);
    expect((await sandbox.world.host(server()).fs.readFile('/tmp/contract-upload.txt')).toString()).toBe('hello\n');
  });

  it('webftp_check_status reports in_progress for a 422 in-progress answer', async () => {
    const { sandbox } = mcp();
    const created = await fetch(`${sandbox.url}/api/webftp/uploads/`, {
      method: 'POST',
      headers: { authorization: `token="${sandbox.token}"`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'never.txt', path: '/tmp/', server: server() }),
    });
    const { id } = (await created.json()) as { id: string };
    const raw = await fetch(`${sandbox.url}/api/webftp/uploads/${id}/status/`, { headers: { authorization: `token="${sandbox.token}"` } });
    expect({ status: raw.status, body: await raw.json() }).toEqual({ status: 422, body: { detail: 'webftp_transfer_in_progress' } });
    const outcome = await call('webftp_check_status', { file_id: id, transfer_type: 'upload' });
    expect(outcome.data).toMatchObject({ file_id: id, state: 'in_progress', success: null });
  });

  it('webftp_download_file follows a redirect and retries 503s of the presigned GET, then writes the file', async () => {
    const { sandbox } = mcp();
    await sandbox.world.host(server()).fs.writeFile('/tmp/contract-down.txt', Buffer.from('payload\n'), { as: 'sandbox-admin' });
    sandbox.requests.clear();
    sandbox.faults.s3.redirectGets = 1;
    sandbox.faults.add({ kind: 'error5xx', status: 503, method: 'GET', pathPrefix: '/s3/', count: 2 });
    const target = path.join(root, 'down.txt');
    const outcome = await call('webftp_download_file', { server_id: server(), remote_file_path: '/tmp/contract-down.txt', local_file_path: target });
    sandbox.faults.clear();
    expect(outcome.error).toBeUndefined();
    expect(await readFile(target, 'utf8')).toBe('payload\n');
    const gets = sandbox.requests.all().filter((r) => r.method === 'GET' && r.path.startsWith('/s3/')).map((r) => r.status);
    expect(gets).toEqual([503, 503, 307, 200]);
  });

  it('a fatal 4xx of the presigned GET is not retried and leaves no partial file', async () => {
    const { sandbox } = mcp();
    sandbox.requests.clear();
    sandbox.faults.s3.urlExpiresSeconds = 0;
    const before = await listDir(root);
    const outcome = await call('webftp_download_file', { server_id: server(), remote_file_path: '/tmp/contract-down.txt', local_file_path: path.join(root, 'expired.txt') });
    sandbox.faults.clear();
    expect(outcome.error).toMatchObject({ code: 'transfer_failed', details: { reason: 'expired' } });
    expect(sandbox.requests.all().filter((r) => r.method === 'GET' && r.path.startsWith('/s3/'))).toHaveLength(1);
    expect(await listDir(root)).toEqual(before);
  });

  it('webftp_session_create sends work_session_id as work_session', async () => {
    const { sandbox } = mcp();
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const session = await call('work_session_create', { servers: [server()], description: 'contract test', scopes: ['webftp'], expires_at: expires });
    const workSession = (session.data as { id: string }).id;
    sandbox.requests.clear();
    const outcome = await call('webftp_session_create', { server_id: server(), work_session_id: workSession });
    expect(outcome.error).toBeUndefined();
    expect(sandbox.requests.filter({ method: 'POST', path: '/api/webftp/sessions/' })[0].body).toMatchObject({ server: server(), work_session: workSession });
  });
}, { rc: { plugins: ['all'], webftp: { localRoots: [root] } }, sandbox: { commandStepMs: 60 } });

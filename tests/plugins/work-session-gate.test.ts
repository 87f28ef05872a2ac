import { mkdtemp, readFile, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('work_session_id on command, Websh and WebFTP tools, against the sandbox work-session gate', () => {
  let t: SandboxedConnection;
  let root: string;
  let servers: string[];
  let live: string;
  const ws = () => ({ workspace: t.sandbox.workspace });

  const api = async (method: string, apiPath: string, body?: unknown) => {
    const response = await fetch(`${t.sandbox.url}${apiPath}`, {
      method,
      headers: { authorization: `token="${t.sandbox.token}"`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as { id: string; status: string };
  };
  /** A work session made by the agent tool, then approved by a human (through the sandbox's API). */
  const approvedSession = async (covered = servers) => {
    const created = await t.call('work_session_create', {
      ...ws(), description: 'Gate test', scopes: ['command', 'webftp'], servers: covered, expires_at: inDays(1),
    });
    expect(created.error).toBeUndefined();
    const id = (created.data as { id: string }).id;
    expect((await api('POST', `/api/work-sessions/sessions/${id}/approve/`)).status).toBe('approved');
    return id;
  };
  const posts = (apiPath: string | RegExp) => t.sandbox.requests.filter({ method: 'POST', path: apiPath });
  const expectRefused = (result: Awaited<ReturnType<SandboxedConnection['call']>>, apiCode: string) => {
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'work_session_required', status: 403, api_code: apiCode });
  };

  beforeAll(async () => {
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'work-session-gate-')));
    t = await connectToSandbox({
      rc: { plugins: ['command', 'websh', 'webftp', 'work-sessions'], webftp: { localRoots: [root] } },
      sandbox: { servers: 4, requireWorkSession: true },
    });
    servers = t.sandbox.world.servers.all().filter((s) => s.is_connected).map((s) => s.id).slice(0, 2);
    live = await approvedSession();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.sandbox.setRequireWorkSession(true);
    t.sandbox.requests.clear();
  });

  describe('command', () => {
    it('is refused without work_session_id and runs with a live session, sending work_session', async () => {
      const refused = await t.call('execute_command_sync', { ...ws(), server_id: servers[0], command: 'echo hi' });
      expectRefused(refused, 'work_session_required');
      expect(posts('/api/events/commands/')[0].body).not.toHaveProperty('work_session');

      t.sandbox.requests.clear();
      const ran = await t.call('execute_command_sync', { ...ws(), server_id: servers[0], command: 'echo hi', work_session_id: live });
      expect(ran.error).toBeUndefined();
      expect(ran.data).toMatchObject({ exit_code: 0 });
      expect(posts('/api/events/commands/')[0].body).toMatchObject({ server: servers[0], line: 'echo hi', work_session: live });
    });

    it('sends work_session from execute_command_with_acl and execute_command_multi_server', async () => {
      const submitted = await t.call('execute_command_with_acl', { ...ws(), server_id: servers[0], command: 'true', work_session_id: live });
      expect(submitted.error).toBeUndefined();
      const fanned = await t.call('execute_command_multi_server', { ...ws(), server_ids: servers, command: 'true', work_session_id: live });
      expect(fanned.error).toBeUndefined();
      expect((fanned.data as { counts: Record<string, number> }).counts).toEqual({ succeeded: 2 });
      const bodies = posts('/api/events/commands/').map((r) => r.body as Record<string, unknown>);
      expect(bodies).toHaveLength(3);
      for (const body of bodies) expect(body.work_session).toBe(live);
      const timeline = await t.call('work_session_timeline', { ...ws(), session_id: live, page_size: 100 });
      const ids = (timeline.data as { results: { id: string }[] }).results.map((item) => item.id);
      const submittedId = (submitted.data as { command_id: string }).command_id;
      expect(ids).toContain(submittedId);
    });

    it('refuses a fan-out as a whole when no work session is given', async () => {
      const refused = await t.call('execute_command_multi_server', { ...ws(), server_ids: servers, command: 'true' });
      expectRefused(refused, 'work_session_required');
    });

    it('names an unknown, a closed and a pending work session as not active, and an uncovered server', async () => {
      expectRefused(await t.call('execute_command_with_acl', { ...ws(), server_id: servers[0], command: 'true', work_session_id: UNKNOWN_ID }), 'work_session_not_active');
      const closed = await approvedSession();
      await api('POST', `/api/work-sessions/sessions/${closed}/complete/`);
      expectRefused(await t.call('execute_command_with_acl', { ...ws(), server_id: servers[0], command: 'true', work_session_id: closed }), 'work_session_not_active');
      const pending = (await t.call('work_session_create', {
        ...ws(), description: 'Not yet approved', scopes: ['command'], servers, expires_at: inDays(1),
      })).data as { id: string };
      expectRefused(await t.call('execute_command_with_acl', { ...ws(), server_id: servers[0], command: 'true', work_session_id: pending.id }), 'work_session_not_active');
      const narrow = await approvedSession([servers[1]]);
      expectRefused(await t.call('execute_command_with_acl', { ...ws(), server_id: servers[0], command: 'true', work_session_id: narrow }), 'work_session_server_not_allowed');
    });

    it('refuses a malformed work_session_id before sending anything', async () => {
      const result = await t.call('execute_command_sync', { ...ws(), server_id: servers[0], command: 'true', work_session_id: 'ws-1' });
      expect(result.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toEqual([]);
    });
  });

  describe('Websh', () => {
    it('is refused without work_session_id and runs with a live session, sending work_session', async () => {
      expectRefused(await t.call('execute_command', { ...ws(), server_id: servers[0], command: 'echo hi' }), 'work_session_required');
      expect(posts('/api/websh/sessions/')).toHaveLength(1);

      t.sandbox.requests.clear();
      const ran = await t.call('execute_command', { ...ws(), server_id: servers[0], command: 'echo hi', work_session_id: live });
      expect(ran.error).toBeUndefined();
      expect(ran.data).toMatchObject({ output: 'hi\n', exit_code: 0 });
      expect(posts('/api/websh/sessions/')[0].body).toMatchObject({ server: servers[0], work_session: live });
    });

    it('sends work_session from websh_session_create, websh_channel_connect and the one-shot tools', async () => {
      const created = await t.call('websh_session_create', { ...ws(), server_id: servers[1], work_session_id: live });
      expect(created.error).toBeUndefined();
      const channel = await t.call('websh_channel_connect', { ...ws(), server_id: servers[1], work_session_id: live });
      expect(channel.error).toBeUndefined();
      const oneShot = await t.call('websh_websocket_batch_execute', { ...ws(), server_id: servers[1], commands: ['true'], work_session_id: live });
      expect(oneShot.error).toBeUndefined();
      const bodies = posts('/api/websh/sessions/').map((r) => r.body as Record<string, unknown>);
      expect(bodies).toHaveLength(3);
      for (const body of bodies) expect(body.work_session).toBe(live);
      expectRefused(await t.call('websh_session_create', { ...ws(), server_id: servers[1] }), 'work_session_required');
      await t.call('websh_channel_disconnect', { channel_id: (channel.data as { channel_id: string }).channel_id });
      await t.call('websh_session_terminate', { ...ws(), session_id: (created.data as { id: string }).id });
    });

    it('never reuses a pooled connection across work sessions (or none)', async () => {
      const server = servers[1];
      const other = await approvedSession();
      const exec = async (workSession?: string) => {
        const result = await t.call('execute_command', {
          ...ws(), server_id: server, command: 'true', username: 'root', ...(workSession ? { work_session_id: workSession } : {}),
        });
        expect(result.error).toBeUndefined();
        return (result.data as { session_id: string }).session_id;
      };
      t.sandbox.setRequireWorkSession(false);
      const withoutAny = await exec();
      t.sandbox.setRequireWorkSession(true);
      const first = await exec(live);
      const second = await exec(other);
      const firstAgain = await exec(live);
      const secondAgain = await exec(other);
      expect(new Set([withoutAny, first, second]).size).toBe(3);
      expect(firstAgain).toBe(first);
      expect(secondAgain).toBe(second);
      const bodies = posts('/api/websh/sessions/').map((r) => (r.body as Record<string, unknown>).work_session);
      expect(bodies).toEqual([undefined, live, other]);
    });
  });

  describe('WebFTP', () => {
    it('refuses an upload without work_session_id and uploads with a live session, sending work_session', async () => {
      const args = { ...ws(), server_id: servers[0], content: 'gated\n', remote_file_path: '/tmp/gated.txt', overwrite: true };
      expectRefused(await t.call('webftp_upload_content', args), 'work_session_required');
      expect(t.sandbox.world.host(servers[0]).fs.exists('/tmp/gated.txt')).toBe(false);

      t.sandbox.requests.clear();
      const uploaded = await t.call('webftp_upload_content', { ...args, work_session_id: live });
      expect(uploaded.error).toBeUndefined();
      expect(posts('/api/webftp/uploads/')[0].body).toMatchObject({ name: 'gated.txt', server: servers[0], work_session: live });
      expect(t.sandbox.world.host(servers[0]).fs.exists('/tmp/gated.txt')).toBe(true);
    });

    it('refuses a download without work_session_id and downloads with a live session, sending work_session', async () => {
      await t.call('webftp_upload_content', {
        ...ws(), server_id: servers[0], content: 'fetch me\n', remote_file_path: '/tmp/fetch.txt', overwrite: true, work_session_id: live,
      });
      const args = { ...ws(), server_id: servers[0], remote_file_path: '/tmp/fetch.txt', local_file_path: path.join(root, 'fetch.txt') };
      t.sandbox.requests.clear();
      expectRefused(await t.call('webftp_download_file', args), 'work_session_required');
      expect(posts('/api/webftp/downloads/')[0].body).not.toHaveProperty('work_session');

      t.sandbox.requests.clear();
      const downloaded = await t.call('webftp_download_file', { ...args, work_session_id: live });
      expect(downloaded.error).toBeUndefined();
      expect(posts('/api/webftp/downloads/')[0].body).toMatchObject({ path: '/tmp/fetch.txt', server: servers[0], work_session: live });
      expect(await readFile(path.join(root, 'fetch.txt'), 'utf8')).toBe('fetch me\n');
    });

    it('sends work_session from webftp_upload_file', async () => {
      const local = path.join(root, 'send.txt');
      await writeFile(local, 'sent\n');
      const uploaded = await t.call('webftp_upload_file', {
        ...ws(), server_id: servers[1], local_file_path: local, remote_file_path: '/tmp/sent.txt', overwrite: true, work_session_id: live,
      });
      expect(uploaded.error).toBeUndefined();
      expect(posts('/api/webftp/uploads/')[0].body).toMatchObject({ server: servers[1], work_session: live });
    });
  });

  it('with the gate off, calls without a work session go through and send no work_session', async () => {
    t.sandbox.setRequireWorkSession(false);
    const ran = await t.call('execute_command_sync', { ...ws(), server_id: servers[0], command: 'true' });
    expect(ran.error).toBeUndefined();
    expect(posts('/api/events/commands/')[0].body).not.toHaveProperty('work_session');
  });
});

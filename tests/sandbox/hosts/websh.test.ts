import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { api, TerminalClient } from './ws-client.js';

interface SessionBody {
  id: string;
  websocket_url: string;
  userchannel_id: string;
  username: string;
  server: { id: string; name: string };
}

describe('Websh sessions and terminal WebSocket', () => {
  let sandbox: Sandbox;
  let serverId: string;
  let hostname: string;
  const call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => api<T>(sandbox.url, sandbox.token, method, path, body);
  const createSession = async (): Promise<SessionBody> => {
    const created = await call<SessionBody>('POST', '/api/websh/sessions/', { server: serverId, rows: 24, cols: 80, username: '', groupname: '' });
    expect(created.status).toBe(201);
    return created.body;
  };
  const PROMPT = () => `sandbox-admin@${hostname}:~$ `;

  beforeAll(async () => {
    sandbox = await startSandbox({ servers: 3 });
    const server = sandbox.world.servers.all().find((candidate) => candidate.is_connected);
    if (server === undefined) throw new Error('no connected server');
    serverId = server.id;
    hostname = server.name;
  });
  afterAll(() => sandbox.stop());

  it('creates a session whose single-use URL carries the terminal', async () => {
    const session = await createSession();
    expect(session.websocket_url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/ws/websh/${session.id}/${session.userchannel_id}/[0-9a-f]+/$`));
    expect(session).toMatchObject({ username: 'sandbox-admin', server: { id: serverId, name: hostname } });
    const term = await TerminalClient.open(session.websocket_url);
    await term.waitFor(`\x1b[?2004h${PROMPT()}`);
    const start = term.text.length;
    term.send('echo hello; false\r');
    const seen = await term.waitFor(new RegExp(`\\r\\n.*${PROMPT().replace(/[$.]/g, '\\$&')}$`, 's'), start);
    expect(seen).toBe(`echo hello; false\r\n\x1b[?2004l\rhello\r\n\x1b[?2004h${PROMPT()}`);
    const next = term.text.length;
    term.send('echo $?\n', false);
    expect(await term.waitFor(/1\r\n/, next)).toBe('echo $?\r\n\x1b[?2004l\r1\r\n');
    await expect(TerminalClient.open(session.websocket_url)).rejects.toThrow('HTTP 401');
    term.close();
  });

  it('keeps shell state per session, strips bracketed paste, handles backspace', async () => {
    const session = await createSession();
    const term = await TerminalClient.open(session.websocket_url);
    await term.waitFor(PROMPT());
    term.send('cd /etc\r');
    await term.waitFor(`${hostname}:/etc$ `);
    const start = term.text.length;
    term.send('\x1b[200~pwdx\x1b[201~\x7f\r');
    expect(await term.waitFor('/etc\r\n', start)).toContain('pwdx\b \b\r\n');
    const detail = await call<{ closed_at: string | null; is_connectable: boolean }>('GET', `/api/websh/sessions/${session.id}/`);
    expect(detail.body).toMatchObject({ closed_at: null, is_connectable: true });
    term.close();
  });

  it('Ctrl-C interrupts a running sleep and the next command works', async () => {
    const session = await createSession();
    const term = await TerminalClient.open(session.websocket_url);
    await term.waitFor(PROMPT());
    term.send('echo start; sleep 30; echo never\r');
    await term.waitFor('start\r\n');
    const started = Date.now();
    term.send('\x03');
    const after = await term.waitFor(`^C\r\n\x1b[?2004h${PROMPT()}`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(after.slice(after.indexOf('start\r\n'))).toBe(`start\r\n^C\r\n\x1b[?2004h${PROMPT()}`);
    const mark = term.text.length;
    term.send('echo $?\r');
    expect(await term.waitFor('130\r\n', mark)).toContain('130');
    term.close();
  });

  it('closing via /close/ ends the WebSocket with 4000 and the session leaves the connectable list', async () => {
    const session = await createSession();
    const term = await TerminalClient.open(session.websocket_url);
    await term.waitFor(PROMPT());
    expect((await call('POST', `/api/websh/sessions/${session.id}/close/`)).status).toBe(204);
    expect(await term.closed).toBe(4000);
    const list = await call<{ results: Array<{ id: string }> }>('GET', '/api/websh/sessions/?is_connectable=true');
    expect(list.body.results.map((item) => item.id)).not.toContain(session.id);
    const channel = await call('POST', '/api/websh/user-channels/', { session: session.id, is_master: false, read_only: false });
    expect(channel.status).toBe(400);
  });

  it('typing exit closes with 4000; a new user channel reconnects to a live session', async () => {
    const session = await createSession();
    const first = await TerminalClient.open(session.websocket_url);
    await first.waitFor(PROMPT());
    first.send('cd /tmp\r');
    await first.waitFor(':/tmp$ ');
    first.close();
    await first.closed;
    const channel = await call<{ websocket_url: string; id: string }>('POST', '/api/websh/user-channels/', { session: session.id, is_master: false, read_only: false });
    expect(channel.status).toBe(201);
    expect(channel.body.websocket_url).toContain(`/ws/websh/${session.id}/${channel.body.id}/`);
    const second = await TerminalClient.open(channel.body.websocket_url);
    await second.waitFor(':/tmp$ ');
    second.send('exit\r');
    expect(await second.closed).toBe(4000);
    const detail = await call<{ closed_at: string | null }>('GET', `/api/websh/sessions/${session.id}/`);
    expect(detail.body.closed_at).not.toBeNull();
  });

  it('refuses unknown sessions and validates the body', async () => {
    await expect(TerminalClient.open(`${sandbox.url.replace('http', 'ws')}/ws/websh/nope/nope/nope/`)).rejects.toThrow('HTTP 404');
    const missing = await call('POST', '/api/websh/sessions/', { rows: 24 });
    expect(missing).toMatchObject({ status: 400, body: { server: ['This field is required.'] } });
  });

  it('the WebSocket drop fault terminates the connection after N server messages', async () => {
    const session = await createSession();
    sandbox.faults.ws.dropAfterMessages = 2;
    try {
      const term = await TerminalClient.open(session.websocket_url);
      await term.waitFor(PROMPT());
      term.send('echo a\r');
      const code = await term.closed;
      expect(code).toBe(1006);
    } finally {
      delete sandbox.faults.ws.dropAfterMessages;
    }
  });
});

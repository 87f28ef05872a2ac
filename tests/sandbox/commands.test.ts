import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../sandbox/index.js';
import { list, obj, waitFor, withSandbox, type TestClient } from './helpers.js';

const TERMINAL = ['completed', 'failed', 'rejected', 'error', 'stuck', 'cancelled'];

describe('sandbox commands', () => {
  let sandbox: Sandbox;
  let client: TestClient;
  let serverId: string;
  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox({ commandStepMs: 10 }));
    serverId = sandbox.world.servers.all()[0].id;
  });
  afterAll(() => sandbox.stop());

  /** The submit body alpacon-cli sends (api/event/event.go). */
  const commandBody = (line: string, server: string, extra: Record<string, unknown> = {}) =>
    ({ shell: 'system', line, env: null, data: '', username: '', groupname: '', scheduled_at: null, server, run_after: [], ...extra });

  async function submit(line: string, extra: Record<string, unknown> = {}) {
    return client.post('/api/events/commands/', commandBody(line, serverId, extra));
  }

  async function finished(id: string, seen: Set<string> = new Set()) {
    return waitFor(async () => {
      const body = obj((await client.get(`/api/events/commands/${id}/`)).body);
      seen.add(String(body.status));
      return TERMINAL.includes(String(body.status)) ? body : undefined;
    });
  }

  /** Today's service keeps output in chunks only (CLI cmd/exec/logs.go): every page, joined in seq order. */
  async function output(id: string): Promise<string> {
    let text = '';
    for (let page = 1; ; page += 1) {
      const body = obj((await client.get(`/api/events/commands/${id}/chunks/?seq__gte=0&ordering=seq&page=${page}`)).body);
      text += list(body.results).map((c) => String(c.content)).join('');
      if (!body.next) return text;
    }
  }

  it('returns an array on submit and walks queued → delivered → running → completed', async () => {
    const res = await submit('echo hello');
    expect(res.status).toBe(201);
    const [command] = list(res.body);
    expect(command).toMatchObject({ shell: 'system', line: 'echo hello', server: { id: serverId }, run_after: [] });
    expect(obj(command.requested_by).id).toBe(sandbox.world.admin.id);
    const seen = new Set<string>();
    const done = await finished(String(command.id), seen);
    // result stays empty under the chunk contract (CLI cmd/exec/logs.go); the output is in /chunks/.
    expect(done).toMatchObject({ status: 'completed', success: true, exit_code: 0, result: '', error_phase: null });
    expect(await output(String(command.id))).toBe('hello\n');
    expect(done.elapsed_time).toEqual(expect.any(Number));
    expect(seen.has('completed')).toBe(true);
    expect([...seen].every((s) => ['queued', 'delivered', 'acked', 'running', 'completed'].includes(s))).toBe(true);
  });

  it('reports failures with the exit code, and 127 for unknown commands', async () => {
    const [failing] = list((await submit('exit 3')).body);
    expect(await finished(String(failing.id))).toMatchObject({ status: 'failed', success: false, exit_code: 3 });
    const [unknown] = list((await submit('frobnicate')).body);
    const done = await finished(String(unknown.id));
    expect(done).toMatchObject({ status: 'failed', exit_code: 127 });
    expect(await output(String(unknown.id))).toContain('command not found');
  });

  it('runs in the server shell as the requesting user unless username is given', async () => {
    const [who] = list((await submit('whoami; hostname')).body);
    await finished(String(who.id));
    expect(await output(String(who.id))).toBe(`sandbox-admin\n${sandbox.world.servers.get(serverId)?.name}\n`);
    const [root] = list((await submit('whoami', { username: 'root' })).body);
    await finished(String(root.id));
    expect(await output(String(root.id))).toBe('root\n');
  });

  it('keeps the host file system across commands (same host as Websh and WebFTP)', async () => {
    const [write] = list((await submit('echo persisted > /tmp/sandbox-note.txt')).body);
    expect(await finished(String(write.id))).toMatchObject({ status: 'completed', result: '' });
    const [read] = list((await submit('cat /tmp/sandbox-note.txt')).body);
    await finished(String(read.id));
    expect(await output(String(read.id))).toBe('persisted\n');
    expect(sandbox.world.host(serverId).fs.exists('/tmp/sandbox-note.txt')).toBe(true);
  });

  it('serves output chunks paginated with seq filters', async () => {
    const [command] = list((await submit('echo a; echo b; echo c')).body);
    await finished(String(command.id));
    const chunks = obj((await client.get(`/api/events/commands/${command.id}/chunks/?ordering=seq`)).body);
    expect(list(chunks.results).map((c) => c.content).join('')).toBe('a\nb\nc\n');
    // seq from 0 (CLI api/event/chunks.go: "seq is 0-indexed")
    expect(list(chunks.results).map((c) => c.seq)).toEqual([0, 1, 2]);
    const tail = obj((await client.get(`/api/events/commands/${command.id}/chunks/?seq__gte=1&seq__lte=1`)).body);
    expect(list(tail.results).map((c) => c.seq)).toEqual([1]);
    expect((await client.get(`/api/events/commands/${command.id}/chunks/?seq__lte=`)).status).toBe(400);
    const many = list((await submit(`printf '%s\\n' ${Array.from({ length: 250 }, (_, i) => i).join(' ')}`)).body)[0];
    await finished(String(many.id));
    const first = obj((await client.get(`/api/events/commands/${many.id}/chunks/?ordering=seq`)).body);
    expect(first.next).toBe(2);
    expect((await output(String(many.id))).split('\n')).toHaveLength(251);
  });

  it('parks lines that need approval in awaiting_approval until approved', async () => {
    const [command] = list((await submit('sudo reboot')).body);
    await new Promise((r) => setTimeout(r, 60));
    expect(obj((await client.get(`/api/events/commands/${command.id}/`)).body).status).toBe('awaiting_approval');
    expect(sandbox.commands.reject(String(command.id))).toBe(true);
    expect(await finished(String(command.id))).toMatchObject({ status: 'rejected', success: false });
  });

  it('shows a transient error between approve and deliver, then runs (CLI isPollWaitStatus)', async () => {
    // Steps of 400 ms: the error lasts one step, and the GET right after the approval must land inside it on a busy machine.
    const slow = await withSandbox({ commandStepMs: 400 });
    try {
      const get = async (id: unknown) => obj((await slow.client.get(`/api/events/commands/${String(id)}/`)).body);
      const [command] = list((await slow.client.post('/api/events/commands/', commandBody('sudo reboot', slow.sandbox.world.servers.all()[0].id))).body);
      await waitFor(async () => ((await get(command.id)).status === 'awaiting_approval' ? true : undefined));
      expect(slow.sandbox.commands.approve(String(command.id))).toBe(true);
      expect(await get(command.id)).toMatchObject({ status: 'error', success: null, error_phase: null });
      const ran = await waitFor(async () => {
        const now = await get(command.id);
        return ['completed', 'failed'].includes(String(now.status)) ? now : undefined;
      }, 10_000);
      expect(ran.exit_code).toEqual(expect.any(Number));
    } finally {
      await slow.sandbox.stop();
    }
  });

  it('cancels an unfinished command: cancelled, with the output so far', async () => {
    const [command] = list((await submit('echo started; sleep 5; echo never')).body);
    await waitFor(async () => ((await output(String(command.id))) === 'started\n' ? true : undefined));
    expect(sandbox.commands.cancel(String(command.id))).toBe(true);
    expect(await finished(String(command.id))).toMatchObject({ status: 'cancelled', success: false });
    expect(await output(String(command.id))).toBe('started\n');
  });

  it.each(['mysql -uroot -psecret', 'PASSWORD=hunter2 ./deploy.sh', 'curl https://bob:pa55@example.com/x'])(
    'refuses inline credentials: %s', async (line) => {
      const res = await submit(line);
      expect(res.status).toBe(400);
      expect(obj(res.body).code).toBe('command_inline_credential');
    });

  it('validates the body with DRF field errors', async () => {
    const res = await client.post('/api/events/commands/', { line: '', server: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ line: ['This field may not be blank.'], server: ['Must be a valid UUID.'] });
  });

  it('fails commands on a disconnected server with error_phase agent_disconnected', async () => {
    const offline = sandbox.world.servers.all().find((s) => !s.is_connected);
    const [command] = list((await submit('uptime', { server: offline?.id })).body);
    expect(await finished(String(command.id))).toMatchObject({ status: 'error', success: false, error_phase: 'agent_disconnected' });
  });

  it('lists commands newest first, filtered by server', async () => {
    const page = obj((await client.get(`/api/events/commands/?server=${serverId}&ordering=-added_at&page_size=2`)).body);
    expect(page.count).toBeGreaterThan(2);
    const [a, b] = list(page.results);
    expect(String(a.added_at) >= String(b.added_at)).toBe(true);
    expect(list(page.results).every((c) => obj(c.server).id === serverId)).toBe(true);
  });

  it('denies commands and servers outside the token ACL with 403 and no detail', async () => {
    const restricted = sandbox.addToken({ acl: { commands: ['uptime', 'df *'], servers: [serverId] } });
    const acl = client.withAuth(`token="${restricted.key}"`);
    const body = { shell: 'system', line: 'uptime', server: serverId };
    expect((await acl.post('/api/events/commands/', body)).status).toBe(201);
    expect((await acl.post('/api/events/commands/', { ...body, line: 'df -h' })).status).toBe(201);
    const denied = await acl.post('/api/events/commands/', { ...body, line: 'rm -rf /tmp/x' });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ code: 'api_token_acl_not_allowed' });
    const other = sandbox.world.servers.all()[1].id;
    expect((await acl.post('/api/events/commands/', { ...body, server: other })).body).toEqual({ code: 'api_token_acl_not_allowed' });
  });

  it('the request log proves a command was submitted exactly once', async () => {
    sandbox.requests.clear();
    await submit('true');
    const posts = sandbox.requests.filter({ method: 'POST', path: '/api/events/commands/' });
    expect(posts).toHaveLength(1);
    expect(obj(posts[0].body).line).toBe('true');
  });
});

describe('sandbox token ACL over HTTP', () => {
  let sandbox: Sandbox;
  let client: TestClient;
  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox({ commandStepMs: 5 }));
    // Token and ACL management need a login credential (alpacon-server api/apitoken/permissions.py): a JWT here.
    client = client.withAuth(`Bearer ${sandbox.jwt}`);
  });
  afterAll(() => sandbox.stop());

  it('restricts a token once a command ACL entry exists, and lifts it when the last is deleted', async () => {
    const { id: tokenId, key } = obj((await client.post('/api/auth/tokens/', { name: 'bot' })).body) as { id: string; key: string };
    const bot = client.withAuth(`token="${key}"`);
    const server = sandbox.world.servers.all()[0].id;
    const entry = await client.post('/api/security/command-acl/', { token: tokenId, command: 'uptime' });
    expect(entry.status).toBe(201);
    expect(obj(entry.body)).toMatchObject({ token: tokenId, token_name: 'bot', command: 'uptime' });
    expect((await bot.post('/api/events/commands/', { shell: 'system', line: 'uptime', server })).status).toBe(201);
    expect((await bot.post('/api/events/commands/', { shell: 'system', line: 'ls', server })).body).toEqual({ code: 'api_token_acl_not_allowed' });
    const listed = list(obj((await client.get(`/api/security/command-acl/?token=${tokenId}`)).body).results);
    expect(listed).toHaveLength(1);
    expect((await client.delete(`/api/security/command-acl/${String(obj(entry.body).id)}/`)).status).toBe(204);
    expect((await bot.post('/api/events/commands/', { shell: 'system', line: 'ls', server })).status).toBe(201);
  });

  it('manages server ACLs in bulk', async () => {
    const { id: tokenId, key } = obj((await client.post('/api/auth/tokens/', { name: 'srv' })).body) as { id: string; key: string };
    const [a, b] = sandbox.world.servers.all();
    const created = await client.post('/api/security/server-acl/bulk/', { token: tokenId, servers: [a.id] });
    expect(list(created.body)[0]).toMatchObject({ server: { id: a.id, name: a.name } });
    const bot = client.withAuth(`token="${key}"`);
    expect((await bot.post('/api/events/commands/', { line: 'true', server: b.id })).status).toBe(403);
    expect((await client.post('/api/security/server-acl/bulk/delete/', { token: tokenId, servers: [a.id] })).status).toBe(204);
    expect((await bot.post('/api/events/commands/', { line: 'true', server: b.id })).status).toBe(201);
    expect((await client.post('/api/security/server-acl/', { token: 'nope', server: a.id })).body).toEqual({ token: ['Must be a valid UUID.'] });
  });
});

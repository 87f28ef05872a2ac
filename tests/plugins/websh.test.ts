import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

interface CommandData {
  server_id: string;
  session_id: string;
  command: string;
  output: string;
  exit_code: number | null;
  duration_ms: number;
}

interface BatchData {
  results: (CommandData & { error?: { code: string } })[];
  completed: number;
  not_run: string[];
}

const sessionCreations = (t: SandboxedConnection) => t.sandbox.requests.filter({ method: 'POST', path: '/api/websh/sessions/' });
const closes = (t: SandboxedConnection) => t.sandbox.requests.filter({ method: 'POST', path: /^\/api\/websh\/sessions\/[^/]+\/close\/$/ });

describe('websh plugin (pooled commands)', () => {
  let t: SandboxedConnection;
  let servers: string[];
  const ws = () => ({ workspace: t.sandbox.workspace });

  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['websh'] }, sandbox: { servers: 8 } });
    servers = t.sandbox.world.servers.all().filter((s) => s.is_connected).map((s) => s.id);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.sandbox.faults.clear();
    t.sandbox.requests.clear();
  });

  const exec = async (command: string, extra: Record<string, unknown> = {}, server = servers[0]) =>
    t.call('execute_command', { ...ws(), server_id: server, command, ...extra });

  it('returns each command\'s own output and exit code', async () => {
    const hello = await exec('echo hello');
    expect(hello.ok).toBe(true);
    expect(hello.data).toMatchObject({ server_id: servers[0], command: 'echo hello', output: 'hello\n', exit_code: 0 });
    expect((await exec('false')).data).toMatchObject({ output: '', exit_code: 1 });
    const missing = (await exec('no-such-tool --x')).data as CommandData;
    expect(missing.exit_code).toBe(127);
    expect(missing.output).toBe('bash: no-such-tool: command not found\n');
    expect((await exec('echo a; cat /no/such; echo "c d"')).data).toMatchObject({ output: 'a\ncat: /no/such: No such file or directory\nc d\n', exit_code: 0 });
    expect((await exec('echo a && false')).data).toMatchObject({ output: 'a\n', exit_code: 1 });
    expect((await exec(`echo "it's"`)).data).toMatchObject({ output: "it's\n" });
    const hostname = t.sandbox.world.host(servers[0]).hostname;
    expect((await exec('hostname')).data).toMatchObject({ output: `${hostname}\n`, exit_code: 0 });
  });

  it('reuses one session for many commands (one session creation in the request log)', async () => {
    const user = { username: 'root' };
    for (let i = 0; i < 20; i += 1) expect(((await exec(`echo ${i}`, user)).data as CommandData).output).toBe(`${i}\n`);
    const created = sessionCreations(t);
    expect(created).toHaveLength(1);
    expect(created[0].body).toMatchObject({ server: servers[0], username: 'root', groupname: '' });
    expect(created[0].headers.authorization).toBe('[redacted]');
  });

  it('keeps state across a batch: cd then pwd', async () => {
    const result = await t.call('execute_command_batch', { ...ws(), server_id: servers[1], commands: ['cd /tmp', 'pwd', 'false', 'export GREETING=hi', 'echo $GREETING'] });
    expect(result.ok).toBe(true);
    const data = result.data as BatchData;
    expect(data.results.map((r) => [r.output, r.exit_code])).toEqual([['', 0], ['/tmp\n', 0], ['', 1], ['', 0], ['hi\n', 0]]);
    expect(data).toMatchObject({ completed: 5, not_run: [] });
  });

  it('stops a batch at the first failure with stop_on_error', async () => {
    const result = await t.call('execute_command_batch', { ...ws(), server_id: servers[1], commands: ['echo one', 'exit-not', 'echo three'], stop_on_error: true });
    const data = result.data as BatchData;
    expect(data.results).toHaveLength(2);
    expect(data.results[1].exit_code).toBe(127);
    expect(data.not_run).toEqual(['echo three']);
  });

  it('interrupts a command on timeout; the same connection serves the next command', async () => {
    await exec('echo warm');
    t.sandbox.requests.clear();
    const slow = await exec('echo started; sleep 30', { timeout: 1 });
    expect(slow.ok).toBe(false);
    expect(slow.error?.code).toBe('timeout');
    expect(slow.error?.details?.partial_output).toBe('started\n');
    expect((await exec('echo after')).data).toMatchObject({ output: 'after\n', exit_code: 0 });
    expect(sessionCreations(t)).toHaveLength(0);
  });

  it('fails a command whose WebSocket drops mid-command, never re-sends it, and recovers with a new session', async () => {
    const server = servers[5];
    // No pooled connection to this server yet: the drop counter starts with the new session's first message
    // (prompt, echo, start marker, "done", then the end marker is never delivered).
    t.sandbox.faults.ws.dropAfterMessages = 4;
    const dropped = await exec('echo run >> /tmp/runs; sleep 1; echo done', {}, server);
    expect(dropped.ok).toBe(false);
    expect(dropped.error?.code).toBe('connection_lost');
    expect(dropped.error?.details).toMatchObject({ partial_output: 'done\n', started: true });
    t.sandbox.faults.clear();
    const after = await exec('cat /tmp/runs', {}, server);
    expect(after.data).toMatchObject({ output: 'run\n', exit_code: 0 });
    // The dropped session was closed through the API, and a new one was created for the next command.
    expect(sessionCreations(t)).toHaveLength(2);
    const droppedSession = sessionCreations(t)[0];
    expect(droppedSession.status).toBe(201);
    expect(closes(t)).toHaveLength(1);
  });

  it('runs different servers in parallel', async () => {
    const some = servers.slice(0, 5);
    const started = Date.now();
    const results = await Promise.all(some.map((id) => exec('sleep 1; hostname', {}, id)));
    const allTook = Date.now() - started;
    results.forEach((r, i) => expect((r.data as CommandData).output).toBe(`${t.sandbox.world.host(some[i]).hostname}\n`));
    // One after another, five one-second sleeps take at least five seconds.
    expect(allTook).toBeLessThan(some.length * 1000 - 1000);
  });

  it('runs overlapping commands to the same server on at most maxConnectionsPerServer (default 5) connections', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => exec(`echo q${i}`, {}, servers[3])));
    expect(results.map((r) => (r.data as CommandData).output)).toEqual(['q1\n', 'q2\n', 'q3\n', 'q4\n', 'q5\n', 'q6\n', 'q7\n']);
    expect(new Set(results.map((r) => (r.data as CommandData).session_id)).size).toBeLessThanOrEqual(5);
  });

  it('interrupts the remote command when the MCP request is cancelled', async () => {
    const controller = new AbortController();
    const pending = t.client.callTool({ name: 'execute_command', arguments: { ...ws(), server_id: servers[4], command: 'sleep 30' } }, undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(pending).rejects.toThrow();
    const next = await exec('echo alive', {}, servers[4]);
    expect(next.data).toMatchObject({ output: 'alive\n', exit_code: 0 });
  });

  it('refuses invalid input without sending anything', async () => {
    for (const args of [
      { server_id: servers[0], command: 'echo a\necho b' },
      { server_id: 'not-a-uuid', command: 'echo' },
      { server_id: servers[0], command: 'echo', timeout: 0 },
      { server_id: servers[0], command: 'echo', username: '../root' },
    ]) {
      const result = await t.call('execute_command', { ...ws(), ...args });
      expect(result.error?.code).toBe('invalid_input');
    }
    expect((await t.call('execute_command_batch', { ...ws(), server_id: servers[0], commands: [] })).error?.code).toBe('invalid_input');
    expect(t.sandbox.requests.all()).toEqual([]);
  });

  it('answers an unknown server with not_found', async () => {
    const result = await exec('echo', {}, UNKNOWN_ID);
    expect(result.error?.code).toBe('not_found');
    expect(sessionCreations(t)[0].body).toMatchObject({ server: UNKNOWN_ID });
  });

  it('marks command tools destructive and listing tools read-only', async () => {
    const { tools } = await t.client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    for (const name of ['execute_command', 'execute_command_batch', 'websh_websocket_execute', 'websh_websocket_batch_execute', 'websh_channel_execute']) {
      expect(byName.get(name)?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: true });
    }
    expect(byName.get('websh_sessions_list')?.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get('websh_channels_list')?.annotations).toMatchObject({ readOnlyHint: true });
  });
});

describe('websh plugin (one-shot, sessions, channels, shutdown)', () => {
  let t: SandboxedConnection;
  let server: string;
  const ws = () => ({ workspace: t.sandbox.workspace });

  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['websh'] }, sandbox: { servers: 3 } });
    server = t.sandbox.world.servers.all().filter((s) => s.is_connected)[0].id;
  });
  afterAll(() => t.close());
  beforeEach(() => t.sandbox.requests.clear());

  it('runs a one-shot command in its own session and closes it', async () => {
    const result = await t.call('websh_websocket_execute', { ...ws(), server_id: server, command: 'echo once; false' });
    expect(result.data).toMatchObject({ output: 'once\n', exit_code: 1 });
    const sessionId = (result.data as CommandData).session_id;
    expect(sessionCreations(t)).toHaveLength(1);
    expect(closes(t).map((r) => r.path)).toEqual([`/api/websh/sessions/${sessionId}/close/`]);
    const batch = await t.call('websh_websocket_batch_execute', { ...ws(), server_id: server, commands: ['cd /etc', 'pwd'] });
    expect((batch.data as BatchData).results.map((r) => r.output)).toEqual(['', '/etc\n']);
  });

  it('creates, lists, reconnects to, runs on, and terminates a session', async () => {
    const created = await t.call('websh_session_create', { ...ws(), server_id: server });
    expect(created.ok).toBe(true);
    const session = created.data as { id: string; websocket_url?: string };
    expect(session.websocket_url).toBeUndefined();
    const listed = await t.call('websh_sessions_list', { ...ws(), server_id: server });
    expect((listed.data as { results: { id: string }[] }).results.map((s) => s.id)).toContain(session.id);

    const channel = await t.call('websh_session_reconnect', { ...ws(), session_id: session.id });
    expect(channel.ok).toBe(true);
    const channelId = (channel.data as { channel_id: string }).channel_id;
    // The first reconnect uses the session's own unused URL: no new user channel.
    expect(t.sandbox.requests.filter({ method: 'POST', path: '/api/websh/user-channels/' })).toHaveLength(0);
    const ran = await t.call('websh_channel_execute', { channel_id: channelId, command: 'cd /var && pwd' });
    expect(ran.data).toMatchObject({ output: '/var\n', exit_code: 0, session_id: session.id });

    // A second channel on the same session shares its shell state.
    const second = await t.call('websh_session_reconnect', { ...ws(), session_id: session.id });
    expect(t.sandbox.requests.filter({ method: 'POST', path: '/api/websh/user-channels/' })).toHaveLength(1);
    const secondId = (second.data as { channel_id: string }).channel_id;
    expect((await t.call('websh_channel_execute', { channel_id: secondId, command: 'pwd' })).data).toMatchObject({ output: '/var\n' });

    const channels = await t.call('websh_channels_list', {});
    expect((channels.data as { channels: { channel_id: string }[] }).channels.map((c) => c.channel_id)).toEqual(expect.arrayContaining([channelId, secondId]));
    expect((await t.call('websh_channel_disconnect', { channel_id: secondId })).data).toMatchObject({ session_closed: false });

    const terminated = await t.call('websh_session_terminate', { ...ws(), session_id: session.id });
    expect(terminated.ok).toBe(true);
    expect(closes(t).map((r) => r.path)).toContain(`/api/websh/sessions/${session.id}/close/`);
    const afterClose = await t.call('websh_channel_execute', { channel_id: channelId, command: 'pwd' });
    expect(afterClose.error?.code).toBe('connection_lost');
  });

  it('answers unknown sessions and channels with not_found', async () => {
    const unknown = '00000000-0000-4000-8000-000000000001';
    expect((await t.call('websh_session_terminate', { ...ws(), session_id: unknown })).error?.code).toBe('not_found');
    expect(t.sandbox.requests.filter({ method: 'POST' })[0].path).toBe(`/api/websh/sessions/${unknown}/close/`);
    expect((await t.call('websh_session_reconnect', { ...ws(), session_id: unknown })).error?.code).toBe('not_found');
    expect((await t.call('websh_channel_execute', { channel_id: 'nope', command: 'pwd' })).error?.code).toBe('not_found');
    t.sandbox.requests.clear();
    expect((await t.call('websh_session_terminate', { ...ws(), session_id: 'x' })).error?.code).toBe('invalid_input');
    expect(t.sandbox.requests.all()).toEqual([]);
  });

  it('closes every session it opened through the API on shutdown', async () => {
    const others = t.sandbox.world.servers.all().filter((s) => s.is_connected).map((s) => s.id);
    for (const id of others) expect((await t.call('execute_command', { ...ws(), server_id: id, command: 'true' })).ok).toBe(true);
    const connected = await t.call('websh_channel_connect', { ...ws(), server_id: server });
    expect(connected.ok).toBe(true);
    await t.call('websh_session_create', { ...ws(), server_id: server });
    const opened = sessionCreations(t).length;
    expect(opened).toBe(others.length + 2);
    await t.app.close();
    expect(closes(t)).toHaveLength(opened);
    const open = await fetch(`${t.sandbox.url}/api/websh/sessions/?is_connectable=true`, { headers: { authorization: `token="${t.sandbox.token}"` } });
    expect(((await open.json()) as { count: number }).count).toBe(0);
  });
});


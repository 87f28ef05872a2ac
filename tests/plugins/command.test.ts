import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { connect, connectToSandbox, type Connected, type SandboxedConnection } from '../helpers/in-process.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

const PLUGINS = { plugins: ['command'] };
const COMMANDS = '/api/events/commands/';

interface CommandResult {
  command_id: string;
  server_id: string | null;
  status: string;
  outcome: string;
  success: boolean | null;
  exit_code: number | null;
  output: string;
  elapsed_ms: number | null;
  error_phase?: string;
  output_cut_bytes?: number;
  next_step?: string;
}

interface ServerLine extends Partial<Omit<CommandResult, 'command_id'>> {
  server_id: string;
  command_id: string | null;
  outcome: string;
  error?: { code: string; message: string; hint?: string };
}

interface FanOut {
  total: number;
  counts: Record<string, number>;
  results: ServerLine[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('command plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  let serverId: string;
  let serverName: string;
  beforeAll(async () => {
    t = await connectToSandbox({ rc: PLUGINS });
    ws = { workspace: t.sandbox.workspace };
    const server = t.sandbox.world.servers.all().find((s) => s.is_connected);
    if (server === undefined) throw new Error('the sandbox has no connected server');
    serverId = server.id;
    serverName = t.sandbox.world.host(server.id).hostname;
  });
  afterEach(() => {
    t.sandbox.faults.clear();
    t.sandbox.access.mfaRequired = false;
  });
  afterAll(async () => t.close());

  /** Connects a second client to the same sandbox with a token restricted by `acl`. */
  async function withAcl(acl: { commands?: string[]; servers?: string[] }): Promise<Connected> {
    const { key } = t.sandbox.addToken({ acl });
    return connect({
      rc: PLUGINS,
      env: { [tokenEnvName(t.sandbox.region, t.sandbox.workspace)]: key },
      overrides: { baseUrl: t.sandbox.url },
    });
  }

  describe('execute_command_sync', () => {
    it('submits once, polls the command and returns exit code and output', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('execute_command_sync', { ...ws, server_id: serverId, command: 'hostname' });
      expect(result.error).toBeUndefined();
      const data = result.data as CommandResult;
      expect(data).toMatchObject({ status: 'completed', outcome: 'succeeded', success: true, exit_code: 0, output: `${serverName}\n` });
      expect(data.server_id).toBe(serverId);
      expect(data.elapsed_ms).toBeGreaterThanOrEqual(0);
      const posts = t.sandbox.requests.filter({ method: 'POST', pathPrefix: COMMANDS });
      expect(posts).toHaveLength(1);
      expect(posts[0].path).toBe(COMMANDS);
      expect(posts[0].body).toEqual({ server: serverId, shell: 'system', line: 'hostname' });
      // Status polls read the command; its output comes from its chunks (today's service leaves result empty).
      const reads = t.sandbox.requests.filter({ method: 'GET', pathPrefix: COMMANDS });
      expect(reads.filter((r) => r.path === `${COMMANDS}${data.command_id}/`).length).toBeGreaterThanOrEqual(1);
      expect(reads.every((r) => [`${COMMANDS}${data.command_id}/`, `${COMMANDS}${data.command_id}/chunks/`].includes(r.path))).toBe(true);
    });

    it('a failing command is a result with its exit code, not a tool error', async () => {
      const result = await t.call('execute_command_sync', { ...ws, server_id: serverId, command: 'exit 3' });
      expect(result.ok).toBe(true);
      expect(result.data).toMatchObject({ status: 'failed', outcome: 'failed', success: false, exit_code: 3 });
      const missing = await t.call('execute_command_sync', { ...ws, server_id: serverId, command: 'no-such-tool' });
      expect(missing.data).toMatchObject({ outcome: 'failed', exit_code: 127 });
    });

    it('passes env, username and groupname in the body', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('execute_command_sync', {
        ...ws, server_id: serverId, command: 'echo $GREETING', env: { GREETING: 'hi there' }, username: 'root', groupname: 'root',
      });
      expect(result.data).toMatchObject({ outcome: 'succeeded', output: 'hi there\n' });
      const [post] = t.sandbox.requests.filter({ method: 'POST', path: COMMANDS });
      expect(post.body).toEqual({
        server: serverId, shell: 'system', line: 'echo $GREETING', username: 'root', groupname: 'root', env: { GREETING: 'hi there' },
      });
    });

    it('refuses bad arguments before sending anything', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('execute_command_sync', {
        ...ws, server_id: 'not-a-uuid', command: '', env: { GREETING: 5 }, timeout: 0, username: 'a b',
      });
      expect(result.error?.code).toBe('invalid_input');
      const fields = (result.error?.details?.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['command', 'env', 'server_id', 'timeout', 'username']);
      const tooLong = await t.call('execute_command_sync', { ...ws, server_id: serverId, command: 'true', timeout: 601 });
      expect(tooLong.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('an unknown server is not_found, sent once', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('execute_command_sync', { ...ws, server_id: UNKNOWN_ID, command: 'true' });
      expect(result.error?.code).toBe('not_found');
      expect(result.error?.details).toEqual({ server: UNKNOWN_ID });
      const sent = t.sandbox.requests.all();
      expect(sent.map((r) => [r.method, r.path, r.status])).toEqual([['POST', COMMANDS, 400]]);
    });

    it('inline credentials are refused before anything is sent', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('execute_command_sync', { ...ws, server_id: serverId, command: 'mysql -uroot -psecret -e "select 1"' });
      expect(result.error?.code).toBe('inline_credential');
      expect(result.error?.hint).toMatch(/env/);
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('an inline credential that only Alpacon recognises is refused by it as inline_credential', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('execute_command_sync', { ...ws, server_id: serverId, command: 'sometool -ps3cret' });
      expect(result.error?.code).toBe('inline_credential');
      expect(result.error?.hint).toMatch(/env/);
      expect(t.sandbox.requests.count({ method: 'POST', path: COMMANDS })).toBe(1);
      expect(t.sandbox.requests.count({ method: 'GET' })).toBe(0);
    });

    it('a command ACL that denies the line maps to acl_denied', async () => {
      const limited = await withAcl({ commands: ['ls*'] });
      try {
        t.sandbox.requests.clear();
        const denied = await limited.call('execute_command_sync', { ...ws, server_id: serverId, command: 'hostname' });
        expect(denied.error?.code).toBe('acl_denied');
        expect(denied.error?.status).toBe(403);
        const allowed = await limited.call('execute_command_sync', { ...ws, server_id: serverId, command: 'ls /' });
        expect(allowed.data).toMatchObject({ outcome: 'succeeded', exit_code: 0 });
        expect(t.sandbox.requests.count({ method: 'POST', path: COMMANDS })).toBe(2);
      } finally {
        await limited.close();
      }
    });

    it('a command held for approval is reported as pending with the next step', async () => {
      const result = await t.call('execute_command_sync', { ...ws, server_id: serverId, command: 'reboot' });
      expect(result.ok).toBe(true);
      const data = result.data as CommandResult;
      expect(data).toMatchObject({ status: 'awaiting_approval', outcome: 'awaiting_approval', success: null, exit_code: null });
      expect(data.next_step).toMatch(/get_command_result/);
      t.sandbox.commands.approve(data.command_id);
      await sleep(100);
      const later = await t.call('get_command_result', { ...ws, command_id: data.command_id });
      expect((later.data as CommandResult).status).not.toBe('awaiting_approval');
    });

    it('on timeout says so and returns the command id for get_command_result', async () => {
      const started = Date.now();
      const result = await t.call('execute_command_sync', { ...ws, server_id: serverId, command: 'sleep 6', timeout: 1 });
      const waited = Date.now() - started;
      expect(result.ok).toBe(true);
      const data = result.data as CommandResult;
      expect(data).toMatchObject({ outcome: 'timed_out', status: 'running', success: null, exit_code: null });
      expect(data.next_step).toMatch(/get_command_result/);
      expect(waited).toBeGreaterThanOrEqual(1000);
      expect(waited).toBeLessThan(5000);
      t.sandbox.requests.clear();
      const later = await t.call('get_command_result', { ...ws, command_id: data.command_id });
      expect(later.data).toMatchObject({ command_id: data.command_id, outcome: 'in_progress', status: 'running' });
      expect(t.sandbox.requests.count({ method: 'POST' })).toBe(0);
    });

    it('a cancelled call stops polling', async () => {
      const abort = new AbortController();
      t.sandbox.requests.clear();
      const call = t.client.callTool(
        { name: 'execute_command_sync', arguments: { ...ws, server_id: serverId, command: 'sleep 3', timeout: 30 } },
        undefined,
        { signal: abort.signal },
      );
      await sleep(700);
      abort.abort();
      await expect(call).rejects.toThrow();
      await sleep(300);
      const polls = t.sandbox.requests.count({ method: 'GET', pathPrefix: COMMANDS });
      await sleep(2500);
      expect(t.sandbox.requests.count({ method: 'GET', pathPrefix: COMMANDS })).toBe(polls);
      expect(t.sandbox.requests.count({ method: 'POST', path: COMMANDS })).toBe(1);
    });

    it('keeps head and tail of output over 64 KiB and says how much was cut', async () => {
      const lines = Array.from({ length: 3000 }, (_, i) => `line ${String(i).padStart(5, '0')} ${'x'.repeat(40)}`);
      const text = `${lines.join('\n')}\n`;
      await t.sandbox.world.host(serverId).fs.writeFile('/tmp/big.txt', text);
      const result = await t.call('execute_command_sync', { ...ws, server_id: serverId, command: 'cat /tmp/big.txt' });
      const data = result.data as CommandResult;
      expect(data.outcome).toBe('succeeded');
      expect(Buffer.byteLength(data.output)).toBeLessThan(64 * 1024 + 300);
      expect(data.output.startsWith('line 00000')).toBe(true);
      expect(data.output.trimEnd().endsWith(lines[2999])).toBe(true);
      expect(data.output_cut_bytes).toBeGreaterThan(Buffer.byteLength(text) - 64 * 1024 - 10);
      expect(data.output).toContain(`${data.output_cut_bytes} bytes of output cut`);
    });
  });

  describe('execute_command_with_acl', () => {
    it('submits once and returns the command id and status without waiting', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('execute_command_with_acl', { ...ws, server_id: serverId, command: 'sleep 1' });
      expect(result.error).toBeUndefined();
      const data = result.data as { command_id: string; status: string; server_id: string; line: string };
      expect(data.server_id).toBe(serverId);
      expect(data.line).toBe('sleep 1');
      // Not final yet: any waiting status of alpacon-api.md section 0 (CLI api/event/event.go isPollWaitStatus); the sandbox
      // may already have moved a 'sleep 1' on to 'acked' by the time of the one GET.
      expect(['queued', 'scheduled', 'delivered', 'verifying', 'running', 'acked']).toContain(data.status);
      const sent = t.sandbox.requests.all().map((r) => [r.method, r.path]);
      expect(sent).toEqual([['POST', COMMANDS], ['GET', `${COMMANDS}${data.command_id}/`]]);
      expect(t.sandbox.requests.all()[0].body).toEqual({ server: serverId, shell: 'system', line: 'sleep 1' });
    });

    it('refuses a missing command line before sending anything', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('execute_command_with_acl', { ...ws, server_id: serverId, env: { 'BAD-NAME': 'x' } });
      expect(result.error?.code).toBe('invalid_input');
      const fields = (result.error?.details?.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['command', 'env']);
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('a server ACL that excludes the server maps to acl_denied', async () => {
      const limited = await withAcl({ servers: [UNKNOWN_ID] });
      try {
        t.sandbox.requests.clear();
        const result = await limited.call('execute_command_with_acl', { ...ws, server_id: serverId, command: 'true' });
        expect(result.error?.code).toBe('acl_denied');
        expect(t.sandbox.requests.all().map((r) => [r.method, r.path, r.status])).toEqual([['POST', COMMANDS, 403]]);
      } finally {
        await limited.close();
      }
    });

    it('a 5xx on submit is reported and never retried', async () => {
      t.sandbox.faults.add({ kind: 'error5xx', method: 'POST', pathPrefix: COMMANDS, count: 1 });
      t.sandbox.requests.clear();
      const result = await t.call('execute_command_with_acl', { ...ws, server_id: serverId, command: 'true' });
      expect(result.error?.code).toBe('unavailable');
      expect(t.sandbox.requests.all().map((r) => [r.method, r.status])).toEqual([['POST', 503]]);
    });
  });

  describe('get_command_result', () => {
    it('reads one command by id', async () => {
      const submitted = await t.call('execute_command_with_acl', { ...ws, server_id: serverId, command: 'echo done' });
      const id = (submitted.data as { command_id: string }).command_id;
      await sleep(150);
      t.sandbox.requests.clear();
      const result = await t.call('get_command_result', { ...ws, command_id: id });
      expect(result.data).toMatchObject({ command_id: id, server_id: serverId, status: 'completed', outcome: 'succeeded', exit_code: 0, output: 'done\n' });
      expect(t.sandbox.requests.all().map((r) => [r.method, r.path])).toEqual([['GET', `${COMMANDS}${id}/`], ['GET', `${COMMANDS}${id}/chunks/`]]);
    });

    it('refuses a bad id before sending anything', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('get_command_result', { ...ws, command_id: '42' });
      expect(result.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('an unknown id is not_found naming it', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('get_command_result', { ...ws, command_id: UNKNOWN_ID });
      expect(result.error?.code).toBe('not_found');
      expect(result.error?.details).toEqual({ command: UNKNOWN_ID });
      expect(t.sandbox.requests.all().map((r) => [r.method, r.path, r.status])).toEqual([['GET', `${COMMANDS}${UNKNOWN_ID}/`, 404]]);
    });
  });

  describe('list_commands', () => {
    it('lists the newest commands of one server with limit', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('list_commands', { ...ws, server_id: serverId, limit: 3 });
      expect(result.error).toBeUndefined();
      const data = result.data as { count: number; commands: { command_id: string; server_id: string; status: string; line: string }[] };
      expect(data.commands).toHaveLength(3);
      expect(data.count).toBeGreaterThan(3);
      expect(data.commands.every((c) => c.server_id === serverId)).toBe(true);
      expect(data.commands[0].line).toBe('echo done');
      const sent = t.sandbox.requests.all();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        method: 'GET', path: COMMANDS, query: { server: serverId, ordering: '-added_at', page: '1', page_size: '3' },
      });
    });

    it('refuses a limit out of range before sending anything', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('list_commands', { ...ws, limit: 101, server_id: 'x' });
      expect(result.error?.code).toBe('invalid_input');
      const fields = (result.error?.details?.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['limit', 'server_id']);
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('MFA required maps to mfa_required', async () => {
      t.sandbox.access.mfaRequired = true;
      const result = await t.call('list_commands', { ...ws });
      expect(result.error?.code).toBe('mfa_required');
    });
  });

  describe('execute_command_multi_server (5 servers)', () => {
    it('one line per server in the order given; an unknown server is reported on its own line', async () => {
      const ids = t.sandbox.world.servers.all().map((s) => s.id);
      t.sandbox.requests.clear();
      const result = await t.call('execute_command_multi_server', { ...ws, server_ids: [...ids, UNKNOWN_ID], command: 'whoami' });
      expect(result.error).toBeUndefined();
      const data = result.data as FanOut;
      expect(data.results.map((r) => r.server_id)).toEqual([...ids, UNKNOWN_ID]);
      expect(data.results[ids.length]).toMatchObject({ outcome: 'error', command_id: null, error: { code: 'not_found' } });
      expect(t.sandbox.requests.count({ method: 'POST', path: COMMANDS })).toBe(ids.length + 1);
    });

    it('refuses duplicate ids, an empty list and a bad concurrency before sending anything', async () => {
      t.sandbox.requests.clear();
      const dup = await t.call('execute_command_multi_server', { ...ws, server_ids: [serverId, serverId], command: 'true', concurrency: 0 });
      expect(dup.error?.code).toBe('invalid_input');
      const fields = (dup.error?.details?.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['concurrency', 'server_ids']);
      const empty = await t.call('execute_command_multi_server', { ...ws, server_ids: [], command: 'true' });
      expect(empty.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('an inline credential fails the whole call and stops further submissions', async () => {
      const ids = t.sandbox.world.servers.all().map((s) => s.id);
      t.sandbox.requests.clear();
      const local = await t.call('execute_command_multi_server', {
        ...ws, server_ids: ids, command: 'curl https://admin:hunter22@example.com', concurrency: 1,
      });
      expect(local.error?.code).toBe('inline_credential');
      expect(t.sandbox.requests.all()).toHaveLength(0);
      const byAlpacon = await t.call('execute_command_multi_server', { ...ws, server_ids: ids, command: 'sometool -ps3cret', concurrency: 1 });
      expect(byAlpacon.error?.code).toBe('inline_credential');
      expect(t.sandbox.requests.count({ method: 'POST', path: COMMANDS })).toBe(1);
    });

    it('a command ACL denying the line fails the whole call with acl_denied', async () => {
      const limited = await withAcl({ commands: ['ls*'] });
      try {
        const ids = t.sandbox.world.servers.all().map((s) => s.id);
        const result = await limited.call('execute_command_multi_server', { ...ws, server_ids: ids, command: 'hostname' });
        expect(result.error?.code).toBe('acl_denied');
      } finally {
        await limited.close();
      }
    });

    it('a server ACL denies some servers: acl_denied on those lines, results on the others', async () => {
      const limited = await withAcl({ servers: [serverId] });
      try {
        const other = t.sandbox.world.servers.all().find((s) => s.id !== serverId)!.id;
        const result = await limited.call('execute_command_multi_server', { ...ws, server_ids: [serverId, other], command: 'true' });
        const data = result.data as FanOut;
        expect(data.results[0]).toMatchObject({ server_id: serverId, outcome: 'succeeded', exit_code: 0 });
        expect(data.results[1]).toMatchObject({ server_id: other, outcome: 'error', command_id: null, error: { code: 'acl_denied' } });
      } finally {
        await limited.close();
      }
    });
  });
});

describe('execute_command_multi_server on 200 servers with injected 5xx', () => {
  let t: SandboxedConnection;
  beforeAll(async () => {
    t = await connectToSandbox({ rc: PLUGINS, sandbox: { servers: 200 } });
  });
  afterAll(async () => t.close());

  it('every server gets exactly one submission and exactly one result line', async () => {
    const servers = t.sandbox.world.servers.all();
    expect(servers).toHaveLength(200);
    const ids = servers.map((s) => s.id);
    t.sandbox.faults.add({ kind: 'error5xx', rate: 0.1, method: 'POST', pathPrefix: COMMANDS });
    t.sandbox.faults.add({ kind: 'error5xx', rate: 0.2, method: 'GET', pathPrefix: COMMANDS });
    t.sandbox.requests.clear();
    const started = Date.now();
    const result = await t.call('execute_command_multi_server', { workspace: t.sandbox.workspace, server_ids: ids, command: 'hostname' });
    const elapsed = Date.now() - started;
    t.sandbox.faults.clear();
    expect(result.error).toBeUndefined();
    const data = result.data as FanOut;

    // One result line per server, in the order given.
    expect(data.total).toBe(200);
    expect(data.results.map((r) => r.server_id)).toEqual(ids);

    // Exactly one POST per server: 200 POSTs in all; the ones that got through name distinct servers,
    // and every 5xx'd POST (whose body the sandbox did not read) is one server's error line with no command.
    const posts = t.sandbox.requests.filter({ method: 'POST', path: COMMANDS });
    expect(posts).toHaveLength(200);
    const accepted = posts.filter((p) => p.status === 201).map((p) => (p.body as { server: string }).server);
    expect(new Set(accepted).size).toBe(accepted.length);
    const failedPosts = posts.filter((p) => p.status === 503).length;
    expect(failedPosts).toBeGreaterThan(0);
    const notSubmitted = data.results.filter((r) => r.command_id === null);
    expect(notSubmitted).toHaveLength(failedPosts);
    expect(accepted.length + failedPosts).toBe(200);
    for (const line of notSubmitted) {
      expect(line.outcome).toBe('error');
      expect(line.error?.code).toBe('unavailable');
      expect(accepted).not.toContain(line.server_id);
    }
    expect(new Set(data.results.filter((r) => r.command_id !== null).map((r) => r.server_id))).toEqual(new Set(accepted));

    // Submitted commands finished despite 5xx on polls: the output is the server's hostname, or an agent error.
    for (const line of data.results.filter((r) => r.command_id !== null)) {
      const server = servers.find((s) => s.id === line.server_id)!;
      if (server.is_connected) {
        // A chunk read that failed through every retry says so rather than passing off an empty output.
        const output = 'output_error' in line && line.output_error ? '' : `${t.sandbox.world.host(server.id).hostname}\n`;
        expect(line).toMatchObject({ outcome: 'succeeded', exit_code: 0, output });
      } else {
        expect(line).toMatchObject({ outcome: 'failed', exit_code: 1, error_phase: 'agent_disconnected' });
      }
    }
    const counted = Object.values(data.counts).reduce((a, b) => a + b, 0);
    expect(counted).toBe(200);
    process.stderr.write(`multi-server: 200 servers, ${failedPosts} submissions 5xx'd, ${elapsed} ms\n`);
  });

  it('a failing command shows its exit code on every server', async () => {
    const ids = t.sandbox.world.servers.all().filter((s) => s.is_connected).slice(0, 50).map((s) => s.id);
    t.sandbox.requests.clear();
    const result = await t.call('execute_command_multi_server', { workspace: t.sandbox.workspace, server_ids: ids, command: 'exit 4', concurrency: 5 });
    const data = result.data as FanOut;
    expect(data.counts).toEqual({ failed: 50 });
    expect(data.results.every((r) => r.exit_code === 4 && r.success === false)).toBe(true);
    expect(t.sandbox.requests.count({ method: 'POST', path: COMMANDS })).toBe(50);
  });
});

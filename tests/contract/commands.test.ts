import { expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { callWithProgress, describeGeneration, describeGenerations, sandboxGet } from './generations.js';

/**
 * Command tools against both server generations. Each fixture names the fact of shared/alpacon-api.md section 0 it
 * encodes and the official file the fact was read from:
 *   CLI = alpacax/alpacon-cli, PY = alpacax/alpacon-mcp, SRV = alpacanetworks/alpacon-server (2024).
 */
const COMMANDS = '/api/events/commands/';

interface Result {
  command_id: string;
  status: string;
  outcome: string;
  success: boolean | null;
  exit_code: number | null;
  output: string;
  missing_output_seqs?: number[];
  next_step?: string;
}

describeGenerations('command tools', (g) => {
  const server = () => g.mcp().sandbox.world.servers.all()[0];
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `line-${i}`);

  it('execute_command_sync returns the output: from chunks on today\'s service (result empty), from result on the 2024 server', async () => {
    // Fact "command output" — CLI api/event/chunks.go GetCommandOutput, cmd/exec/logs.go; SRV events/api/serializers.py (result).
    const { sandbox } = g.mcp();
    sandbox.requests.clear();
    const run = await g.mcp().call('execute_command_sync', { server_id: server().id, command: "printf 'a\\nb\\nc\\n'" });
    const data = run.data as Result;
    expect(data).toMatchObject({ outcome: 'succeeded', success: true, output: 'a\nb\nc\n' });
    const detail = await sandboxGet(sandbox, `${COMMANDS}${data.command_id}/`);
    const chunks = await sandboxGet(sandbox, `${COMMANDS}${data.command_id}/chunks/`);
    if (g.generation === 'current') {
      expect(detail.body).toMatchObject({ result: '', status: 'completed', exit_code: 0 });
      expect(chunks.status).toBe(200);
      expect(data.exit_code).toBe(0);
    } else {
      // Fact "command status" (2024): an object, final once handled_at is set; no exit_code; no /chunks/ route.
      expect(detail.body).toMatchObject({ result: 'a\nb\nc\n', status: { text: 'Success', color: 'success', cancellable: false }, success: true });
      expect((detail.body as Record<string, unknown>).handled_at).toEqual(expect.any(String));
      expect(detail.body).not.toHaveProperty('exit_code');
      expect(chunks).toMatchObject({ status: 404, contentType: expect.stringContaining('text/html') });
      expect(data).toMatchObject({ status: 'success', exit_code: null });
    }
    expect(sandbox.requests.filter({ method: 'POST', path: COMMANDS })).toHaveLength(1);
  });

  it('a failing command is outcome failed: exit code on today\'s service, none on the 2024 server', async () => {
    // Fact "command status" — CLI api/event/event.go errorFromDetails (exit_code, default 1); SRV events/models.py (success only).
    const data = (await g.mcp().call('execute_command_sync', { server_id: server().id, command: "echo oops; exit 3" })).data as Result;
    expect(data).toMatchObject({ outcome: 'failed', success: false, output: 'oops\n' });
    expect(data.exit_code).toBe(g.pick({ current: 3, '2024': null }));
  });

  it('long output arrives whole: every chunk page, in seq order', async () => {
    // Fact "command output" — CLI api/event/chunks.go getCommandChunks (api.FetchAllPages, sorted by seq).
    const { sandbox } = g.mcp();
    sandbox.requests.clear();
    const data = (await g.mcp().call('execute_command_sync', { server_id: server().id, command: `printf '%s\\n' ${lines(250).join(' ')}` })).data as Result;
    expect(data.output).toBe(`${lines(250).join('\n')}\n`);
    if (g.generation === 'current') {
      const pages = sandbox.requests.filter({ method: 'GET', path: `${COMMANDS}${data.command_id}/chunks/` }).map((r) => r.query.page);
      expect(pages).toEqual(['1', '2', '3']);
    }
  });

  it('submit answers: an array on today\'s service, one object on the 2024 server; execute_command_with_acl reads either', async () => {
    // Fact "command submit answer" — CLI api/event/event.go SubmitCommand (takes [0]); SRV events/api/views.py (ModelViewSet.create).
    const { sandbox } = g.mcp();
    sandbox.requests.clear();
    const submitted = await g.mcp().call('execute_command_with_acl', { server_id: server().id, command: 'true' });
    expect(submitted.ok).toBe(true);
    const id = (submitted.data as { command_id: string }).command_id;
    const response = await fetch(`${sandbox.url}${COMMANDS}`, {
      method: 'POST', headers: { Authorization: `token="${sandbox.token}"`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ server: server().id, shell: 'system', line: 'true' }),
    });
    const body: unknown = await response.json();
    expect(Array.isArray(body)).toBe(g.generation === 'current');
    expect(id).toEqual(expect.any(String));
  });

  it('get_command_result and list_commands read both status shapes', async () => {
    // Fact "command status" — SRV events/api/serializers.py CommandListSerializer (status object, server as id).
    const run = (await g.mcp().call('execute_command_sync', { server_id: server().id, command: 'echo listed' })).data as Result;
    const again = (await g.mcp().call('get_command_result', { command_id: run.command_id })).data as Result;
    expect(again).toMatchObject({ outcome: 'succeeded', output: 'listed\n', status: g.pick({ current: 'completed', '2024': 'success' }) });
    const listed = (await g.mcp().call('list_commands', { server_id: server().id, limit: 5 })).data as { commands: { command_id: string; status: string; server_id: string }[] };
    const entry = listed.commands.find((c) => c.command_id === run.command_id);
    expect(entry).toMatchObject({ status: g.pick({ current: 'completed', '2024': 'success' }), server_id: server().id });
  });

  it('execute_command_multi_server gives each server its output', async () => {
    // Fact "command output" + "command submit answer", per server — CLI api/event/event.go; SRV events/api/views.py.
    const servers = g.mcp().sandbox.world.servers.all().filter((s) => s.is_connected).slice(0, 3);
    const result = (await g.mcp().call('execute_command_multi_server', { server_ids: servers.map((s) => s.id), command: 'hostname' })).data as { results: Result[] };
    expect(result.results.map((r) => r.output)).toEqual(servers.map((s) => `${g.mcp().sandbox.world.host(s.id).hostname}\n`));
    expect(result.results.every((r) => r.outcome === 'succeeded')).toBe(true);
  });

  it('a disconnected server: agent_disconnected on today\'s service; stays queued on the 2024 server (timed out, not submitted twice)', async () => {
    // Fact "command status" — CLI api/event/types.go phaseDescriptions; SRV events/api/views.py perform_create (executes only when connected).
    const { sandbox } = g.mcp();
    const offline = sandbox.world.servers.all().find((s) => !s.is_connected)!;
    sandbox.requests.clear();
    const data = (await g.mcp().call('execute_command_sync', { server_id: offline.id, command: 'uptime', timeout: 1 })).data as Result & { error_phase?: string };
    if (g.generation === 'current') expect(data).toMatchObject({ outcome: 'failed', status: 'error', error_phase: 'agent_disconnected', exit_code: 1 });
    else expect(data).toMatchObject({ outcome: 'timed_out', status: 'queued' });
    expect(sandbox.requests.filter({ method: 'POST', path: COMMANDS })).toHaveLength(1);
  });

  it('live output: new lines go out as progress notifications while execute_command_sync waits', async () => {
    // Fact "live command output" — CLI api/event/event.go streamSubscribed, api/event/subscribe.go, commandoutput_listener.go.
    const { sandbox } = g.mcp();
    sandbox.requests.clear();
    const { outcome, messages } = await callWithProgress(g.mcp(), 'execute_command_sync', { server_id: server().id, command: 'echo one; sleep 0.3; echo two; sleep 0.3; echo three' });
    expect((outcome.data as Result).output).toBe('one\ntwo\nthree\n');
    expect(sandbox.requests.filter({ method: 'POST', path: COMMANDS })).toHaveLength(1);
    if (g.generation === 'current') {
      expect(messages.join('')).toBe('one\ntwo\nthree\n');
      expect(messages.length).toBeGreaterThanOrEqual(2);
      expect(sandbox.requests.filter({ method: 'POST', path: '/api/events/sessions/' })).toHaveLength(1);
      const subscriptions = sandbox.requests.filter({ method: 'POST', path: '/api/events/subscriptions/' }).map((r) => r.body);
      expect(subscriptions).toEqual([
        { channel: expect.any(String), event_type: 'command_output', target_id: (outcome.data as Result).command_id },
        { channel: expect.any(String), event_type: 'command_fin', target_id: server().id },
      ]);
    } else {
      // The 2024 server has no events sessions and reports output only with the result: nothing to stream.
      expect(messages).toEqual([]);
    }
  });
}, { sandbox: { commandStepMs: 5 } });

describeGeneration('current', 'command outcomes only today\'s service has', (g) => {
  const server = () => g.mcp().sandbox.world.servers.all()[0];

  it('chunks persisted late are back-filled; chunks that never come are named', async () => {
    // Fact "command output": "sort defensively, gaps possible" — CLI api/event/event.go applyChunk / drainRemainingChunks.
    const { sandbox } = g.mcp();
    sandbox.commands.chunkFaults = { late: [1], lateMs: 100 };
    const late = (await g.mcp().call('execute_command_sync', { server_id: server().id, command: "printf 'a\\nb\\nc\\n'" })).data as Result;
    expect(late.output).toBe('a\nb\nc\n');
    expect(late.missing_output_seqs).toBeUndefined();
    sandbox.commands.chunkFaults = { lost: [1] };
    const lost = (await g.mcp().call('execute_command_sync', { server_id: server().id, command: "printf 'a\\nb\\nc\\n'" })).data as Result;
    sandbox.commands.chunkFaults = {};
    expect(lost).toMatchObject({ outcome: 'succeeded', output: 'a\nc\n', missing_output_seqs: [1] });
    expect(lost.next_step).toContain('never arrived');
  });

  it('a frame the events WebSocket drops is back-filled from /chunks/ before the next line goes out', async () => {
    // Fact "live command output": "back-fill gaps from /chunks/" — CLI api/event/event.go applyChunk.
    const { sandbox } = g.mcp();
    sandbox.commands.chunkFaults = { wsDrop: [1] };
    const { outcome, messages } = await callWithProgress(g.mcp(), 'execute_command_sync', { server_id: server().id, command: 'echo one; sleep 0.2; echo two; sleep 0.2; echo three' });
    sandbox.commands.chunkFaults = {};
    expect(messages.join('')).toBe('one\ntwo\nthree\n');
    expect((outcome.data as Result).output).toBe('one\ntwo\nthree\n');
  });

  it('without an events session, live output polls the chunks (and the command is still submitted once)', async () => {
    // Fact "live command output": polling fallback — CLI api/event/event.go runCommandFallback (never re-submits).
    const { sandbox } = g.mcp();
    sandbox.faults.add({ kind: 'error5xx', rate: 1, method: 'POST', pathPrefix: '/api/events/sessions/' });
    sandbox.requests.clear();
    const { outcome, messages } = await callWithProgress(g.mcp(), 'execute_command_sync', { server_id: server().id, command: 'echo one; sleep 0.5; echo two' });
    sandbox.faults.clear();
    expect(messages.join('')).toBe('one\ntwo\n');
    expect((outcome.data as Result).output).toBe('one\ntwo\n');
    expect(sandbox.requests.filter({ method: 'POST', path: COMMANDS })).toHaveLength(1);
  });

  it('a cancelled command is reported cancelled at once, with the output so far', async () => {
    // Fact "command status": final `cancelled` — CLI api/event/event.go errorFromDetails.
    const { sandbox } = g.mcp();
    const pending = g.mcp().call('execute_command_sync', { server_id: server().id, command: 'echo started; sleep 30; echo never', timeout: 60 });
    let id: string | undefined;
    while (id === undefined) {
      await sleep(20);
      const record = sandbox.commands.list().find((c) => c.line.startsWith('echo started') && c.chunks.length > 0 && c.finishedAt === null);
      id = record?.id;
    }
    sandbox.commands.cancel(id);
    const data = (await pending).data as Result;
    expect(data).toMatchObject({ command_id: id, status: 'cancelled', outcome: 'cancelled', output: 'started\n' });
    expect(data.next_step).toContain('cancelled');
  });

}, { sandbox: { commandStepMs: 5 } });

// Slower steps, so the transient `error` between approve and deliver lasts long enough to be read.
describeGeneration('current', 'command approval', (g) => {
  const server = () => g.mcp().sandbox.world.servers.all()[0];

  it('approval: awaiting_approval returns at once; rejected is its own outcome; the transient error after approve is not a failure', async () => {
    // Fact "command status": awaiting_approval, transient error, rejected — CLI api/event/event.go isPollWaitStatus, types.go IsRejectedStatus.
    const { sandbox } = g.mcp();
    const parked = (await g.mcp().call('execute_command_sync', { server_id: server().id, command: 'sudo reboot', timeout: 60 })).data as Result;
    expect(parked).toMatchObject({ outcome: 'awaiting_approval', status: 'awaiting_approval' });
    sandbox.commands.reject(parked.command_id);
    expect((await g.mcp().call('get_command_result', { command_id: parked.command_id })).data).toMatchObject({ outcome: 'rejected', status: 'rejected' });

    const approved = (await g.mcp().call('execute_command_sync', { server_id: server().id, command: 'sudo reboot' })).data as Result;
    sandbox.commands.approve(approved.command_id);
    const transient = (await g.mcp().call('get_command_result', { command_id: approved.command_id })).data as Result;
    expect(transient).toMatchObject({ status: 'error', outcome: 'in_progress', success: null });
  });
}, { sandbox: { commandStepMs: 400 } });

describeGenerations('env and work_session on submit', (g) => {
  it('the 2024 server drops env (no such field): the result says the command ran without it', async () => {
    // Fact "command submit answer" (one object) — SRV events/api/serializers.py CommandCreateSerializer (no env, no work_session).
    const server = g.mcp().sandbox.world.servers.all()[0];
    const data = (await g.mcp().call('execute_command_sync', { server_id: server.id, command: 'echo "[$GREETING]"', env: { GREETING: 'hi' } })).data as Result & { ignored_fields?: string[] };
    if (g.generation === 'current') {
      expect(data).toMatchObject({ outcome: 'succeeded', output: '[hi]\n' });
      expect(data.ignored_fields).toBeUndefined();
    } else {
      expect(data).toMatchObject({ outcome: 'succeeded', output: '[]\n', ignored_fields: ['env'] });
      expect(data.next_step).toContain('dropped them');
    }
  });
}, { sandbox: { commandStepMs: 5 } });

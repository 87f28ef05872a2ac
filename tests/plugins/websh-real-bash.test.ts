/**
 * The Websh framing against a REAL bash on a real pseudo-terminal (`script -qfc bash /dev/null`, a local process, no
 * network beyond loopback): a tiny WebSocket server on 127.0.0.1 pipes the pty both ways, and the plugin's own
 * WebshConnection runs commands through it. Bracketed paste, `\r\n`, a coloured prompt and echo are all real here.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WebSocketServer } from 'ws';
import { connectWebSocket } from '../../core/index.js';
import { WebshConnection } from '../../plugins/websh/connection.js';
import { cleanTerminalText, frameCommand, FrameReader } from '../../plugins/websh/framing.js';

const haveScript = spawnSync('script', ['--version']).status === 0;
const describeIfPty = haveScript ? describe : describe.skip;

describeIfPty('Websh framing on a real bash pty', () => {
  let home: string;
  let bash: ChildProcessWithoutNullStreams;
  let wss: WebSocketServer;
  let connection: WebshConnection;
  const info = { target: { workspace: 'local', region: 'dev' }, serverId: 'local', sessionId: 's', channelId: 'c', username: '', groupname: '' };

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'websh-bash-'));
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    wss.on('connection', (ws) => {
      bash = spawn('script', ['-qfc', 'bash --norc --noprofile -i', '/dev/null'], {
        cwd: home,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', PS1: '\\[\\e[1;32m\\]\\u@\\h\\[\\e[0m\\]:\\w\\$ ', LANG: 'C.UTF-8' },
      });
      bash.stdout.on('data', (chunk: Buffer) => ws.send(chunk, { binary: true }));
      ws.on('message', (data: Buffer) => bash.stdin.write(data));
      bash.on('exit', () => ws.close(4000, 'Session ended'));
    });
    const port = (wss.address() as AddressInfo).port;
    const socket = await connectWebSocket(`ws://127.0.0.1:${port}/`, { headers: { Origin: 'http://127.0.0.1', 'User-Agent': 'test' } });
    connection = new WebshConnection(socket, info);
  });

  afterAll(async () => {
    connection?.close();
    bash?.kill('SIGKILL');
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await rm(home, { recursive: true, force: true });
  });

  const run = (command: string, timeoutMs = 5_000) => connection.run(command, { timeoutMs });

  it('returns exactly the output and exit code, with prompt, echo and escapes stripped', async () => {
    const result = await run('echo hello; echo world');
    expect(result.output).toBe('hello\nworld\n');
    expect(result.exit_code).toBe(0);
    expect(result.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('keeps output without a trailing newline and reports non-zero exits', async () => {
    expect(await run("printf 'no newline'")).toMatchObject({ output: 'no newline', exit_code: 0 });
    expect(await run('false')).toMatchObject({ output: '', exit_code: 1 });
    expect(await run('(exit 42)')).toMatchObject({ exit_code: 42 });
    const missing = await run('definitely-not-a-command-xyz');
    expect(missing.exit_code).toBe(127);
    expect(missing.output).toContain('definitely-not-a-command-xyz');
  });

  it('strips colours and keeps quotes, comments and stderr', async () => {
    expect((await run("printf '\\033[31mred\\033[0m plain\\n'")).output).toBe('red plain\n');
    expect((await run(`echo "it's" 'a "test"' # a comment`)).output).toBe('it\'s a "test"\n');
    expect((await run('echo to-stderr >&2')).output).toBe('to-stderr\n');
  });

  it('turns a syntax error into status 2 instead of hanging', async () => {
    const result = await run('if then fi');
    expect(result.exit_code).toBe(2);
    expect(result.output).toMatch(/syntax error/);
    expect((await run('echo "unterminated')).exit_code).toBe(2);
  });

  it('keeps shell state across commands (cd, variables)', async () => {
    await run('mkdir -p sub && cd sub && export GREETING=hi');
    expect((await run('pwd')).output).toBe(`${home}/sub\n`);
    expect((await run('echo $GREETING')).output).toBe('hi\n');
  });

  it('handles long output and long command lines wider than the terminal', async () => {
    const whole = await run('seq 1 5000');
    expect(whole.output.split('\n')).toHaveLength(5001);
    expect(whole.truncated).toBeUndefined();
    // Over 64 KiB: head and tail kept, the middle cut with a note.
    const big = await run('seq 1 20000');
    expect(big.truncated).toBe(true);
    expect(big.total_bytes).toBe(108_894);
    expect(big.output.startsWith('1\n2\n3\n')).toBe(true);
    expect(big.output.endsWith('19999\n20000\n')).toBe(true);
    expect(big.output).toMatch(/bytes of output cut/);
    const word = 'x'.repeat(500);
    expect((await run(`echo ${word}`)).output).toBe(`${word}\n`);
  });

  it('interrupts a command on timeout and the next command works', async () => {
    await expect(run('echo started; sleep 30', 700)).rejects.toMatchObject({ code: 'timeout' });
    expect(connection.alive).toBe(true);
    expect(await run('echo after')).toMatchObject({ output: 'after\n', exit_code: 0 });
  });

  it('interrupts on cancellation', async () => {
    const controller = new AbortController();
    const pending = connection.run('sleep 30', { timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(await run('echo ok')).toMatchObject({ output: 'ok\n', exit_code: 0 });
  });

  it('reports the end of the shell (exit) without an exit code', async () => {
    const result = await run('echo bye; exit 3');
    expect(result.session_ended).toBe(true);
    expect(result.exit_code).toBeNull();
    expect(result.output).toContain('bye\n');
    expect(connection.alive).toBe(false);
  });
});

describe('framing units', () => {
  it('never matches the echo of its own line', () => {
    const frame = frameCommand('echo hi');
    const reader = new FrameReader(frame.id);
    expect(reader.push(`\x1b[?2004huser@host:~$ ${frame.line}\r\n\x1b[?2004l\r`)).toBe(false);
    expect(reader.hasStarted).toBe(false);
    expect(reader.push(`__AMS_${frame.id}__\r\nhi\r\n\r\n__AME_${frame.id}_`)).toBe(false);
    expect(reader.push(`0__\r\n\x1b[?2004huser@host:~$ `)).toBe(true);
    expect(reader.result()).toMatchObject({ exitCode: 0 });
    expect(cleanTerminalText(reader.result().raw)).toBe('hi\n');
  });

  it('finds markers split across chunks, byte by byte', () => {
    const frame = frameCommand('x');
    const reader = new FrameReader(frame.id);
    const stream = `echo\r\n__AMS_${frame.id}__\r\nline1\r\nline2\r\n\r\n__AME_${frame.id}_7__\r\n`;
    let done = false;
    for (const char of stream) done = reader.push(char) || done;
    expect(done).toBe(true);
    expect(reader.result().exitCode).toBe(7);
    expect(cleanTerminalText(reader.result().raw)).toBe('line1\nline2\n');
  });

  it('quotes single quotes for eval', () => {
    expect(frameCommand("echo 'a'", 'abc').line).toContain(`eval 'echo '\\''a'\\'''`);
  });

  it('keeps what a carriage return left visible and drops OSC titles', () => {
    expect(cleanTerminalText('10%\r50%\r100%\r\n\x1b]0;title\x07done\r\n')).toBe('100%\ndone\n');
  });
});

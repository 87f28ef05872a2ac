import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { firstRunSetup } from '../../cli/commands/first-run.js';
import { ko } from '../../cli/i18n/ko.js';
import { runCli } from '../../cli/program.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { makeIo, script, freshDirsEachTest } from './helpers.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({});
});
afterAll(() => sandbox.stop());
const dirs = freshDirsEachTest();

const homeFile = () => path.join(dirs.home, '.alpacon-mcp', 'token.json');
const interactive = () =>
  makeIo({ cwd: dirs.cwd, home: dirs.home, interactive: true, env: { ALPACON_MCP_BASE_URL: sandbox.url } });

describe('setup wizard (driven through its prompts)', () => {
  it('asks region, workspace and a hidden token, saves 0600 in a 0700 folder, tests, prints client configs (Korean)', async () => {
    const term = interactive();
    script(term, [
      { when: '리전', keys: '\r' },
      { when: '워크스페이스 이름', keys: 'sandbox\r' },
      { when: 'API 토큰', keys: `${sandbox.token}\r` },
    ]);
    const code = await runCli(['setup'], term.io);
    const screen = term.plain();
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(homeFile(), 'utf8'))).toEqual({ ap1: { sandbox: sandbox.token } });
    expect(statSync(homeFile()).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(homeFile())).mode & 0o777).toBe(0o700);
    expect(screen).toContain(`토큰은 ${homeFile()} 에 저장됩니다`);
    expect(screen).toContain(`ap1/sandbox을(를) ${homeFile()} 에 저장했습니다`);
    expect(screen).toContain('정상  ap1/sandbox: sandbox-admin (스태프)');
    expect(screen).not.toContain(sandbox.token);
    expect(screen).toContain('"mcpServers"');
    expect(screen).toContain('claude mcp add alpacon ');
    expect(screen).toContain('"type": "stdio"');
    expect(screen).toContain(path.join('bin', 'alpacon-mcp.js'));
    expect(screen).toContain(`ALPACON_MCP_BASE_URL=${sandbox.url}`);
    expect(screen).toContain('Cursor: 또는 이 설치 링크 열기');
    expect(screen).toContain('cursor://anysphere.cursor-deeplink/mcp/install?name=alpacon&config=');
    expect(screen).toContain('VS Code: 또는 이 설치 링크 열기');
    expect(screen).toContain('vscode:mcp/install?');
    expect(screen).toContain("code --add-mcp '{\"name\":\"alpacon\"");
  });

  it('refuses a bad workspace with the rule and asks again; --lang en speaks English', async () => {
    const term = interactive();
    script(term, [
      { when: 'Region', keys: '\r' },
      { when: 'Workspace name', keys: '../x\r' },
      { when: 'is not valid: use 1-63 letters', keys: '\x7f\x7f\x7f\x7fsandbox\r' },
      { when: 'API token', keys: '   \r' },
      { when: 'The API token is empty', keys: `${sandbox.token}\r` },
    ]);
    const code = await runCli(['setup', '--lang', 'en'], term.io);
    expect(code).toBe(0);
    expect(term.plain()).toContain('OK    ap1/sandbox: sandbox-admin (staff)');
    expect(JSON.parse(readFileSync(homeFile(), 'utf8'))).toEqual({ ap1: { sandbox: sandbox.token } });
  });

  it('chooses another region with the arrow keys', async () => {
    const term = interactive();
    script(term, [
      { when: '리전', keys: '\x1b[B\r' },
      { when: '워크스페이스 이름', keys: 'sandbox\r' },
      { when: 'API 토큰', keys: `${sandbox.token}\r` },
    ]);
    await runCli(['add', '--no-test'], term.io);
    expect(JSON.parse(readFileSync(homeFile(), 'utf8'))).toEqual({ us1: { sandbox: sandbox.token } });
  });

  it('Ctrl-C at the token prompt writes nothing (no file, no folder) and exits 130', async () => {
    const term = interactive();
    script(term, [
      { when: '리전', keys: '\r' },
      { when: '워크스페이스 이름', keys: 'sandbox\r' },
      { when: 'API 토큰', keys: 'half-typed\x03' },
    ]);
    const code = await runCli(['setup'], term.io);
    expect(code).toBe(130);
    expect(existsSync(path.dirname(homeFile()))).toBe(false);
    expect(term.plain()).toContain('취소했습니다. 아무것도 쓰지 않았습니다.');
  });

  it('Ctrl-C at the replace question leaves the existing file byte for byte', async () => {
    await mkdir(path.dirname(homeFile()), { recursive: true, mode: 0o700 });
    const before = JSON.stringify({ ap1: { sandbox: 'old-token-value' } });
    await writeFile(homeFile(), before, { mode: 0o600 });
    const term = interactive();
    script(term, [
      { when: '리전', keys: '\r' },
      { when: '워크스페이스 이름', keys: 'sandbox\r' },
      { when: 'API 토큰', keys: 'new-token-value\r' },
      { when: '바꿀까요?', keys: '\x03' },
    ]);
    expect(await runCli(['setup'], term.io)).toBe(130);
    expect(readFileSync(homeFile(), 'utf8')).toBe(before);
  });

  it('declining to replace keeps the old token', async () => {
    await mkdir(path.dirname(homeFile()), { recursive: true, mode: 0o700 });
    const before = JSON.stringify({ ap1: { sandbox: 'old-token-value' } });
    await writeFile(homeFile(), before, { mode: 0o600 });
    const term = interactive();
    script(term, [
      { when: '리전', keys: '\r' },
      { when: '워크스페이스 이름', keys: 'sandbox\r' },
      { when: 'API 토큰', keys: 'new-token-value\r' },
      { when: '바꿀까요?', keys: 'n\r' },
    ]);
    expect(await runCli(['add'], term.io)).toBe(0);
    expect(readFileSync(homeFile(), 'utf8')).toBe(before);
    expect(term.plain()).toContain('기존 토큰을 유지했습니다');
  });

  it('a corrupt token file is reported with its path and only replaced after it is backed up', async () => {
    await mkdir(path.dirname(homeFile()), { recursive: true, mode: 0o700 });
    await writeFile(homeFile(), '{ not json', { mode: 0o600 });
    const term = interactive();
    script(term, [
      { when: '리전', keys: '\r' },
      { when: '워크스페이스 이름', keys: 'sandbox\r' },
      { when: 'API 토큰', keys: `${sandbox.token}\r` },
      { when: '새 토큰 파일을 만들까요?', keys: 'y\r' },
    ]);
    expect(await runCli(['setup'], term.io)).toBe(0);
    expect(term.stderr()).toContain(`토큰 파일 ${homeFile()} 을(를) 사용할 수 없습니다`);
    const backups = (await readdir(path.dirname(homeFile()))).filter((f) => f.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(path.dirname(homeFile()), backups[0]), 'utf8')).toBe('{ not json');
    expect(JSON.parse(readFileSync(homeFile(), 'utf8'))).toEqual({ ap1: { sandbox: sandbox.token } });
  });

  it('declining the backup of a corrupt file writes nothing and fails', async () => {
    await mkdir(path.dirname(homeFile()), { recursive: true, mode: 0o700 });
    await writeFile(homeFile(), '[1, 2', { mode: 0o600 });
    const term = interactive();
    script(term, [
      { when: '리전', keys: '\r' },
      { when: '워크스페이스 이름', keys: 'sandbox\r' },
      { when: 'API 토큰', keys: `${sandbox.token}\r` },
      { when: '새 토큰 파일을 만들까요?', keys: '\r' },
    ]);
    expect(await runCli(['setup'], term.io)).toBe(1);
    expect(readFileSync(homeFile(), 'utf8')).toBe('[1, 2');
    expect((await readdir(path.dirname(homeFile()))).filter((f) => f.includes('.corrupt-'))).toHaveLength(0);
  });

  it('--local writes ./config/token.json and tells the client where it is', async () => {
    const term = interactive();
    script(term, [
      { when: '리전', keys: '\r' },
      { when: '워크스페이스 이름', keys: 'sandbox\r' },
      { when: 'API 토큰', keys: `${sandbox.token}\r` },
    ]);
    expect(await runCli(['setup', '--local'], term.io)).toBe(0);
    const local = path.join(dirs.cwd, 'config', 'token.json');
    expect(statSync(local).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(local)).mode & 0o777).toBe(0o700);
    expect(existsSync(homeFile())).toBe(false);
    expect(term.plain()).toContain(`"--token-file",\n`);
    expect(term.plain()).toContain(local);
  });

  it('saves, then reports a rejected token with its fix and exits 1', async () => {
    const term = interactive();
    script(term, [
      { when: '리전', keys: '\r' },
      { when: '워크스페이스 이름', keys: 'sandbox\r' },
      { when: 'API 토큰', keys: 'wrong-token-123\r' },
    ]);
    expect(await runCli(['setup'], term.io)).toBe(1);
    expect(term.plain()).toContain('실패  ap1/sandbox: API 토큰이 거부되었습니다');
    expect(term.plain()).toContain('해결: Alpacon에서 새 API 토큰을 만들고');
    expect(term.plain()).not.toContain('wrong-token-123');
  });
});

describe('remove in a terminal', () => {
  it('offers the stored workspaces and removes the chosen one', async () => {
    await mkdir(path.dirname(homeFile()), { recursive: true, mode: 0o700 });
    await writeFile(homeFile(), JSON.stringify({ ap1: { alpha: 'alpha-token-1', beta: 'beta-token-1' } }), { mode: 0o600 });
    const term = interactive();
    script(term, [{ when: '제거할 워크스페이스', keys: '\x1b[B\r' }]);
    expect(await runCli(['remove'], term.io)).toBe(0);
    expect(JSON.parse(readFileSync(homeFile(), 'utf8'))).toEqual({ ap1: { alpha: 'alpha-token-1' } });
  });
});

describe('first run before serving', () => {
  const ctx = (io: ReturnType<typeof makeIo>['io']) => ({ io, t: ko, language: 'ko' as const, global: {} });

  it('in a terminal with nothing configured, runs the wizard on stderr (stdout stays for MCP) and then lets the server start', async () => {
    const term = interactive();
    script(term, [
      { when: '리전', keys: '\r' },
      { when: '워크스페이스 이름', keys: 'sandbox\r' },
      { when: 'API 토큰', keys: `${sandbox.token}\r` },
    ], term.stderr);
    expect(await firstRunSetup(ctx(term.io))).toBeUndefined();
    expect(term.stdout()).toBe('');
    expect(term.stderr()).toContain('설정된 Alpacon 워크스페이스가 없어 먼저 설정을 시작합니다');
    expect(term.stderr()).toContain('이제 stdio로 MCP 서비스를 시작합니다');
    expect(JSON.parse(readFileSync(homeFile(), 'utf8'))).toEqual({ ap1: { sandbox: sandbox.token } });
  });

  it('Ctrl-C in that wizard stops the program (130) and writes nothing', async () => {
    const term = interactive();
    script(term, [{ when: '리전', keys: '\x03' }], term.stderr);
    expect(await firstRunSetup(ctx(term.io))).toBe(130);
    expect(existsSync(path.dirname(homeFile()))).toBe(false);
  });

  it('without a terminal, or with a token configured, or with --sandbox, it asks nothing', async () => {
    const piped = makeIo({ cwd: dirs.cwd, home: dirs.home, interactive: false });
    expect(await firstRunSetup(ctx(piped.io))).toBeUndefined();
    const configured = makeIo({ cwd: dirs.cwd, home: dirs.home, interactive: true, env: { ALPACON_MCP_AP1_ACME_TOKEN: 'tok-123456' } });
    expect(await firstRunSetup(ctx(configured.io))).toBeUndefined();
    const sandboxed = interactive();
    expect(await firstRunSetup({ ...ctx(sandboxed.io), global: { sandbox: true } })).toBeUndefined();
    for (const t of [piped, configured, sandboxed]) expect(t.stdout() + t.stderr()).toBe('');
  });
});

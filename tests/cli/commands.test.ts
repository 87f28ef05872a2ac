import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { runCli } from '../../cli/program.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { makeIo, freshDirsEachTest } from './helpers.js';

let sandbox: Sandbox;
let mfaSandbox: Sandbox;

beforeAll(async () => {
  [sandbox, mfaSandbox] = await Promise.all([startSandbox({}), startSandbox({ mfaRequired: true, workspace: 'secure' })]);
});
afterAll(() => Promise.all([sandbox.stop(), mfaSandbox.stop()]));
const dirs = freshDirsEachTest();

const homeFile = () => path.join(dirs.home, '.alpacon-mcp', 'token.json');
const run = async (argv: string[], env: NodeJS.ProcessEnv = {}, stdin?: string) => {
  const test = makeIo({ cwd: dirs.cwd, home: dirs.home, env });
  if (stdin !== undefined) test.stdin.end(stdin);
  const code = await runCli(argv, test.io);
  return { code, out: test.stdout(), err: test.stderr() };
};
const writeTokens = async (file: string, content: unknown) => {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content), { mode: 0o600 });
};

describe('add (non-interactive)', () => {
  it('saves the token read from stdin to the file it names, mode 0600, and tests it', async () => {
    const { code, out } = await run(['add', '--workspace', 'sandbox', '--token-stdin'], { ALPACON_MCP_BASE_URL: sandbox.url }, `${sandbox.token}\n`);
    expect(code).toBe(0);
    expect(out).toContain(`토큰은 ${homeFile()} 에 저장됩니다`);
    expect(out).toContain('정상  ap1/sandbox: sandbox-admin (스태프)');
    expect(JSON.parse(readFileSync(homeFile(), 'utf8'))).toEqual({ ap1: { sandbox: sandbox.token } });
    expect(statSync(homeFile()).mode & 0o777).toBe(0o600);
  });

  it('keeps other workspaces when adding one and writes to --token-file', async () => {
    const file = path.join(dirs.cwd, 'tokens', 'mine.json');
    await writeTokens(file, { us1: { other: 'other-token-1' } });
    const { code } = await run(['add', '--token-file', file, '--region', 'eu1', '--workspace', 'acme-2', '--token-stdin', '--no-test'], {}, 'tok-acme-2');
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ us1: { other: 'other-token-1' }, eu1: { 'acme-2': 'tok-acme-2' } });
  });

  it.each([
    [['--region', 'xx1', '--workspace', 'acme'], 'tok-123456', '리전 "xx1"은(는) 올바르지 않습니다: ap1, us1, eu1, dev 중 하나'],
    [['--workspace', '../etc'], 'tok-123456', '워크스페이스 "../etc"은(는) 올바르지 않습니다: 영문자, 숫자, "_", "-"로 1~63자'],
    [['--workspace', 'acme'], '  \n', 'API 토큰이 비어 있습니다'],
    [['--region', 'ap1'], 'tok-123456', '--workspace 값이 없습니다'],
  ])('refuses bad input %j with the rule and writes nothing', async (args, stdin, rule) => {
    const { code, err } = await run(['add', ...args, '--token-stdin', '--no-test'], {}, stdin);
    expect(code).toBe(2);
    expect(err).toContain(rule);
    expect(existsSync(path.dirname(homeFile()))).toBe(false);
  });

  it('states the rule in English with ALPACON_MCP_LANG=en', async () => {
    const { code, err } = await run(['add', '--region', 'mars', '--workspace', 'acme', '--token-stdin'], { ALPACON_MCP_LANG: 'en' }, 'tok');
    expect(code).toBe(2);
    expect(err).toContain('error: Region "mars" is not valid: it must be one of ap1, us1, eu1, dev.');
  });

  it('refuses to write over a corrupt token file without a terminal to confirm the backup', async () => {
    await writeTokens(homeFile(), '{"ap1": ');
    const { code, err } = await run(['add', '--workspace', 'acme', '--token-stdin', '--no-test'], {}, 'tok-123456');
    expect(code).toBe(1);
    expect(err).toContain(`토큰 파일 ${homeFile()} 을(를) 사용할 수 없습니다: the token file is not valid JSON`);
    expect(readFileSync(homeFile(), 'utf8')).toBe('{"ap1": ');
  });
});

describe('list', () => {
  it('groups by region, masks tokens, names each source and the files in use', async () => {
    const local = path.join(dirs.cwd, 'config', 'token.json');
    await writeTokens(local, { ap1: { acme: 'acme-local-token-0001' } });
    await writeTokens(homeFile(), { ap1: { acme: 'acme-home-token-0002', beta: 'beta-home-token-0003' } });
    const { code, out } = await run(['list', '--lang', 'en'], { ALPACON_MCP_US1_GAMMA_TOKEN: 'gamma-env-token-0004' });
    expect(code).toBe(0);
    expect(out).toContain('[ap1]\n  acme  ac…01 (21 chars)  ← file ' + local);
    expect(out).toContain('  beta  be…03 (20 chars)  ← file ' + homeFile());
    expect(out).toContain('[us1]\n  gamma  ga…04 (20 chars)  ← environment ALPACON_MCP_US1_GAMMA_TOKEN');
    expect(out).toContain(`1. ${local}  (in use)`);
    expect(out).toContain(`2. ${homeFile()}  (in use)`);
    expect(out).toContain(`alpacon-mcp setup/add write to ${homeFile()}`);
    for (const secret of ['acme-local-token-0001', 'acme-home-token-0002', 'beta-home-token-0003', 'gamma-env-token-0004']) {
      expect(out).not.toContain(secret);
    }
  });

  it('says how to configure when nothing is, in Korean by default', async () => {
    const { code, out } = await run(['list']);
    expect(code).toBe(0);
    expect(out).toContain('설정된 워크스페이스가 아직 없습니다.');
    expect(out).toContain(`1. ${path.join(dirs.cwd, 'config', 'token.json')}  (없음)`);
  });

  it('reports a corrupt token file with its path and exits 1', async () => {
    await writeTokens(homeFile(), { ap1: ['not', 'a', 'map'] });
    const { code, err, out } = await run(['list']);
    expect(code).toBe(1);
    expect(err).toContain(`토큰 파일 ${homeFile()} 을(를) 사용할 수 없습니다`);
    expect(out).toContain(`${homeFile()}  (손상됨)`);
  });
});

describe('remove', () => {
  it('removes the pair from the file that holds it and keeps the file 0600', async () => {
    await writeTokens(homeFile(), { ap1: { acme: 'acme-token-1', beta: 'beta-token-1' } });
    const { code, out } = await run(['remove', '--workspace', 'acme']);
    expect(code).toBe(0);
    expect(out).toContain(`ap1/acme을(를) ${homeFile()} 에서 제거했습니다.`);
    expect(JSON.parse(readFileSync(homeFile(), 'utf8'))).toEqual({ ap1: { beta: 'beta-token-1' } });
    expect(statSync(homeFile()).mode & 0o777).toBe(0o600);
  });

  it('explains that an environment token is removed by unsetting the variable', async () => {
    const { code, out } = await run(['remove', '--region', 'us1', '--workspace', 'gamma', '--lang', 'en'], { ALPACON_MCP_US1_GAMMA_TOKEN: 'x-token-123' });
    expect(code).toBe(1);
    expect(out).toContain('environment variable ALPACON_MCP_US1_GAMMA_TOKEN');
  });

  it('fails without changes when the pair is not stored', async () => {
    await writeTokens(homeFile(), { ap1: { beta: 'beta-token-1' } });
    const { code, out } = await run(['remove', '--workspace', 'acme', '--lang', 'en']);
    expect(code).toBe(1);
    expect(out).toContain(`ap1/acme is not in ${homeFile()}; nothing was changed.`);
  });
});

describe('test (against the sandbox)', () => {
  it('OK with the user and privilege for a good token; exit 0', async () => {
    await writeTokens(homeFile(), { ap1: { sandbox: sandbox.token } });
    const { code, out } = await run(['test', '--lang', 'en'], { ALPACON_MCP_BASE_URL: sandbox.url });
    expect(code).toBe(0);
    expect(out).toContain('OK    ap1/sandbox: sandbox-admin (staff)');
    expect(out).toContain('1 OK, 0 failed.');
  });

  it('a bad token, MFA required and an unreachable host each get their reason and fix; exit 1', async () => {
    const closedPort = await freePort();
    await writeTokens(homeFile(), { ap1: { sandbox: 'bad-token-value' } });
    const bad = await run(['test'], { ALPACON_MCP_BASE_URL: sandbox.url });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('실패  ap1/sandbox: API 토큰이 거부되었습니다');
    expect(bad.out).toContain('해결: Alpacon에서 새 API 토큰을 만들고 실행하세요: alpacon-mcp add --region ap1 --workspace sandbox');

    await writeTokens(homeFile(), { ap1: { secure: mfaSandbox.token } });
    const mfa = await run(['test', '--lang', 'en'], { ALPACON_MCP_BASE_URL: mfaSandbox.url });
    expect(mfa.code).toBe(1);
    expect(mfa.out).toContain('FAIL  ap1/secure: the workspace requires multi-factor authentication (MFA)');
    expect(mfa.out).toContain('fix: complete MFA in the Alpacon web console');

    const down = await run(['test', '--lang', 'en'], { ALPACON_MCP_BASE_URL: `http://127.0.0.1:${closedPort}` });
    expect(down.code).toBe(1);
    expect(down.out).toContain(`FAIL  ap1/secure: cannot reach http://127.0.0.1:${closedPort}`);
    expect(down.out).toContain('fix: check the network, the workspace name and the region');
  });

  it('checks every workspace and fails when any fails', async () => {
    await writeTokens(homeFile(), { ap1: { sandbox: sandbox.token }, us1: { sandbox: 'revoked-token' } });
    const { code, out } = await run(['test', '--lang', 'en'], { ALPACON_MCP_BASE_URL: sandbox.url });
    expect(code).toBe(1);
    expect(out).toContain('OK    ap1/sandbox: sandbox-admin (staff)');
    expect(out).toContain('FAIL  us1/sandbox: the API token was not accepted');
    expect(out).toContain('1 OK, 1 failed.');
    expect(out).not.toContain('revoked-token');
  });

  it('asks the current-user endpoint with the stored token', async () => {
    await writeTokens(homeFile(), { ap1: { sandbox: sandbox.token } });
    const before = sandbox.requests.all().length;
    await run(['test'], { ALPACON_MCP_BASE_URL: sandbox.url });
    const seen = sandbox.requests.all().slice(before);
    expect(seen.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /api/iam/users/-/ 200']);
    expect(seen[0].headers.authorization).toBe('[redacted]');
  });

  it('exits 1 and says how to configure when nothing is configured', async () => {
    const { code, out } = await run(['test']);
    expect(code).toBe(1);
    expect(out).toContain('"alpacon-mcp setup"으로 추가하거나');
  });
});

describe('language', () => {
  it('refuses an unknown --lang', async () => {
    const { code, err } = await run(['list', '--lang', 'fr']);
    expect(code).toBe(2);
    expect(err).toContain('알 수 없는 언어 "fr": ko 또는 en을 사용하세요.');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

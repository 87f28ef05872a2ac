import { mkdtemp, mkdir, readFile, readdir, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { TokenStore } from '../../core/auth/token-store.js';
import { tokenEnvName, parseTokenEnvName } from '../../core/auth/token-env.js';
import { authorizationHeader, isJwt } from '../../core/auth/credential.js';
import { createLogger } from '../../core/logger.js';
import { AlpaconMcpError } from '../../core/errors/index.js';

let root: string;
let cwd: string;
let home: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'alpacon-tokens-'));
  cwd = path.join(root, 'project');
  home = path.join(root, 'home');
  await mkdir(cwd, { recursive: true });
  await mkdir(home, { recursive: true });
});

async function writeJson(file: string, value: unknown, mode = 0o600): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value), { mode });
  await chmod(file, mode);
}

describe('token lookup order', () => {
  it('prefers ./config/token.json, then ~/.alpacon-mcp/token.json, then the environment', async () => {
    await writeJson(path.join(cwd, 'config', 'token.json'), { ap1: { acme: 'local-token-1' } });
    await writeJson(path.join(home, '.alpacon-mcp', 'token.json'), { ap1: { acme: 'home-token-1', beta: 'home-token-2' } });
    const env = { ALPACON_MCP_AP1_ACME_TOKEN: 'env-token-1', ALPACON_MCP_AP1_BETA_TOKEN: 'env-token-2', ALPACON_MCP_US1_GAMMA_TOKEN: 'env-token-3' };
    const store = new TokenStore({ cwd, home, env });

    expect(store.lookup('ap1', 'acme')).toEqual({ token: 'local-token-1', source: { kind: 'file', path: path.join(cwd, 'config', 'token.json') } });
    expect(store.lookup('ap1', 'beta')?.token).toBe('home-token-2');
    expect(store.lookup('us1', 'gamma')).toEqual({ token: 'env-token-3', source: { kind: 'env', name: 'ALPACON_MCP_US1_GAMMA_TOKEN' } });
    expect(store.lookup('eu1', 'none')).toBeUndefined();
    expect(store.list().map((e) => `${e.region}/${e.workspace}:${e.source.kind}`)).toEqual([
      'ap1/acme:file',
      'ap1/beta:file',
      'us1/gamma:env',
    ]);
  });

  it('ALPACON_MCP_TOKEN serves the one workspace named by ALPACON_MCP_WORKSPACE / ALPACON_MCP_REGION, after the other sources', async () => {
    const env = { ALPACON_MCP_TOKEN: 'single-token', ALPACON_MCP_WORKSPACE: 'desk', ALPACON_MCP_REGION: 'us1' };
    const store = new TokenStore({ cwd, home, env });
    expect(store.lookup('us1', 'desk')).toEqual({ token: 'single-token', source: { kind: 'env', name: 'ALPACON_MCP_TOKEN' } });
    expect(store.lookup('ap1', 'desk')).toBeUndefined();
    expect(store.hasAny()).toBe(true);
    expect(store.list()).toEqual([{ region: 'us1', workspace: 'desk', source: { kind: 'env', name: 'ALPACON_MCP_TOKEN' } }]);
    expect(new TokenStore({ cwd, home, env: { ALPACON_MCP_TOKEN: 'x', ALPACON_MCP_WORKSPACE: 'desk' } }).lookup('ap1', 'desk')?.token).toBe('x');
    expect(new TokenStore({ cwd, home, env: { ALPACON_MCP_TOKEN: 'x' } }).hasAny()).toBe(false);
    await writeJson(path.join(home, '.alpacon-mcp', 'token.json'), { us1: { desk: 'file-token' } });
    expect(new TokenStore({ cwd, home, env }).lookup('us1', 'desk')?.token).toBe('file-token');
  });

  it('an explicit token file replaces the file search', async () => {
    await writeJson(path.join(cwd, 'config', 'token.json'), { ap1: { acme: 'local-token-1' } });
    await writeJson(path.join(root, 'other.json'), { ap1: { acme: 'explicit-token' } });
    const store = new TokenStore({ cwd, home, env: {}, tokenFile: path.join(root, 'other.json') });
    expect(store.lookup('ap1', 'acme')?.token).toBe('explicit-token');
    expect(store.searchedFiles()).toEqual([path.join(root, 'other.json')]);
  });

  it('a missing token names the region, workspace and the fix', () => {
    const store = new TokenStore({ cwd, home, env: {} });
    try {
      store.require('us1', 'my-ws');
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(AlpaconMcpError);
      const e = error as AlpaconMcpError;
      expect(e.code).toBe('token_missing');
      expect(e.message).toContain('my-ws');
      expect(e.message).toContain('us1');
      expect(e.hint).toContain('ALPACON_MCP_US1_MY_WS_TOKEN');
      expect(e.hint).toContain('alpacon-mcp add');
    }
  });

  it('a corrupt token file is reported with its path', async () => {
    const file = path.join(home, '.alpacon-mcp', 'token.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{ not json');
    const store = new TokenStore({ cwd, home, env: {} });
    expect(() => store.lookup('ap1', 'acme')).toThrow(file);
  });
});

describe('token writes', () => {
  it('writes atomically with mode 0600 in a 0700 folder, keeping other entries', async () => {
    const store = new TokenStore({ cwd, home, env: {} });
    const file = await store.save('ap1', 'acme', 'first-token-value');
    await store.save('us1', 'beta', 'second-token-value');
    expect(file).toBe(path.join(home, '.alpacon-mcp', 'token.json'));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ap1: { acme: 'first-token-value' }, us1: { beta: 'second-token-value' } });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect((await readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    expect(await store.remove('ap1', 'acme')).toBe(true);
    expect(await store.remove('ap1', 'acme')).toBe(false);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ us1: { beta: 'second-token-value' } });
  });

  it('warns once on stderr when the token file is readable by others, without printing the token', async () => {
    const file = path.join(home, '.alpacon-mcp', 'token.json');
    await writeJson(file, { ap1: { acme: 'visible-secret-token' } }, 0o644);
    const lines: string[] = [];
    const store = new TokenStore({ cwd, home, env: {}, logger: createLogger({ write: (l) => lines.push(l) }) });
    store.lookup('ap1', 'acme');
    store.lookup('ap1', 'acme');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('chmod 600');
    expect(lines.join('')).not.toContain('visible-secret-token');
  });
});

describe('token helpers', () => {
  it('builds and parses environment variable names', () => {
    expect(tokenEnvName('ap1', 'my-ws')).toBe('ALPACON_MCP_AP1_MY_WS_TOKEN');
    expect(parseTokenEnvName('ALPACON_MCP_AP1_ACME_TOKEN')).toEqual({ region: 'ap1', workspace: 'acme' });
    expect(parseTokenEnvName('ALPACON_MCP_BASE_URL')).toBeUndefined();
  });

  it('sends API tokens as token="KEY" and JWTs as Bearer', () => {
    expect(authorizationHeader('abc123def456')).toBe('token="abc123def456"');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect(isJwt(jwt)).toBe(true);
    expect(authorizationHeader(jwt)).toBe(`Bearer ${jwt}`);
  });
});

describe('the Python server\'s token file forms and names', () => {
  it('reads both entry forms, pins URLs (environment first), finds the one region of a workspace', async () => {
    await writeJson(path.join(cwd, 'config', 'token.json'), {
      ap1: { pinned: { token: 'pinned-token-1', url: 'pinned.example.com/' }, plain: 'plain-token-1', both: 'both-ap1' },
      us1: { both: { token: 'both-us1' }, urlonly: { url: 'https://x.example.com' } },
    });
    const env = { 'ALPACON_MCP_EU1_MY-WS_TOKEN': 'python-env-token', ALPACON_MCP_AP1_PLAIN_URL: 'http://127.0.0.1:9' };
    const store = new TokenStore({ cwd, home, env });
    expect(store.lookup('ap1', 'pinned')?.token).toBe('pinned-token-1');
    expect(store.pinnedUrl('ap1', 'pinned')).toBe('https://pinned.example.com');
    expect(store.pinnedUrl('ap1', 'plain')).toBe('http://127.0.0.1:9');
    expect(store.pinnedUrl('us1', 'both')).toBeUndefined();
    expect(store.lookup('us1', 'urlonly')).toBeUndefined();
    expect(store.lookup('eu1', 'my-ws')).toEqual({ token: 'python-env-token', source: { kind: 'env', name: 'ALPACON_MCP_EU1_MY-WS_TOKEN' } });
    expect(store.regionOf('pinned')).toBe('ap1');
    expect(store.regionOf('my-ws')).toBe('eu1');
    expect(store.regionOf('both')).toBeUndefined();
    expect(store.regionOf('nowhere')).toBeUndefined();
    expect(store.list().map((e) => `${e.region}/${e.workspace}`)).toEqual(['ap1/both', 'ap1/pinned', 'ap1/plain', 'eu1/my-ws', 'us1/both']);
  });

  it('replacing a token keeps the pinned URL; the file stays 0600 and is written atomically', async () => {
    const file = path.join(home, '.alpacon-mcp', 'token.json');
    await writeJson(file, { ap1: { acme: { token: 'old-token-1', url: 'https://acme-old.example.com' } } });
    const store = new TokenStore({ cwd, home, env: {} });
    await store.save('ap1', 'acme', 'new-token-1');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ap1: { acme: { token: 'new-token-1', url: 'https://acme-old.example.com' } } });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(await store.remove('ap1', 'acme')).toBe(true);
  });

  it('refuses entries of any other shape, and a pinned URL that is not http(s)', async () => {
    await writeJson(path.join(cwd, 'config', 'token.json'), { ap1: { acme: { token: 42 } } });
    expect(() => new TokenStore({ cwd, home, env: {} }).lookup('ap1', 'acme')).toThrow(AlpaconMcpError);
    const env = { ALPACON_MCP_AP1_ACME_URL: 'ftp://files.example.com' };
    expect(() => new TokenStore({ cwd: home, home, env }).pinnedUrl('ap1', 'acme')).toThrow(/http\(s\)/);
  });

  it('expands ~ in an explicit token file (ALPACON_MCP_CONFIG_FILE is passed without a shell)', async () => {
    await writeJson(path.join(home, 'tokens', 'py.json'), { ap1: { acme: 'tilde-token-1' } });
    const store = new TokenStore({ cwd, home, env: {}, tokenFile: '~/tokens/py.json' });
    expect(store.lookup('ap1', 'acme')?.token).toBe('tilde-token-1');
  });
});

describe('token variables among the rest of the environment', () => {
  it('counts only own, non-empty ALPACON_MCP_<REGION>_<WORKSPACE>_TOKEN variables', () => {
    const inherited = Object.create({ ALPACON_MCP_AP1_INHERITED_TOKEN: 'inherited-token-value' }) as NodeJS.ProcessEnv;
    const env: NodeJS.ProcessEnv = Object.assign(inherited, {
      PATH: '/usr/bin',
      ALPACON_MCP_AP1_EMPTY_TOKEN: '',
      alpacon_mcp_ap1_lower_token: 'lower-case-token',
      ALPACON_MCP_LOG_LEVEL: 'debug',
    });
    const store = new TokenStore({ env, cwd, home });
    expect(store.hasAny()).toBe(false);
    expect(store.list()).toEqual([]);
    env.ALPACON_MCP_US1_PROD_TOKEN = 'prod-token-value';
    expect(store.hasAny()).toBe(true);
    expect(store.list().map((e) => `${e.region}/${e.workspace}`)).toEqual(['us1/prod']);
    expect(store.regionOf('prod')).toBe('us1');
    expect(store.regionOf('inherited')).toBeUndefined();
  });
});

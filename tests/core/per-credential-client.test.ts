import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AlpaconClient } from '../../core/http/alpacon-client.js';
import { TokenStore } from '../../core/auth/token-store.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { createLogger } from '../../core/logger.js';
import { AlpaconMcpError } from '../../core/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

// The client keeps one got instance per credential (the Authorization header is part of it): these show that every request
// still carries the token of its own workspace, whatever came before, and that a replaced token is used at once.
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11 });
});
afterAll(async () => sandbox.stop());

const options = (timeoutMs = 2_000) => ({ baseUrl: sandbox.url, timeoutMs, retries: 0, retryBaseMs: 20 });
const silent = createLogger({ level: 'silent' });
const tokenIds = () => sandbox.requests.all().map((r) => r.tokenId);

describe('one got instance per credential', () => {
  it('interleaved calls to workspaces with different tokens each send their own, also past the instance bound', async () => {
    const tokens = Array.from({ length: 20 }, (_, i) => ({ workspace: `team${i}`, ...sandbox.addToken({ name: `per-credential-${i}` }) }));
    const env = Object.fromEntries(tokens.map((t) => [tokenEnvName('ap1', t.workspace), t.key]));
    const client = new AlpaconClient(options(), new TokenStore({ env, cwd: '/nonexistent' }), silent);
    try {
      sandbox.requests.clear();
      const order = [...tokens, ...tokens.slice().reverse(), tokens[0], tokens[19], tokens[0]];
      for (const t of order) await client.get({ workspace: t.workspace, region: 'ap1' }, '/api/servers/servers/');
      expect(tokenIds()).toEqual(order.map((t) => t.id));
    } finally {
      client.close();
    }
  });

  it('a token replaced in the token file is sent from the next request on, never the old one again', async () => {
    const first = sandbox.addToken({ name: 'before-rotation' });
    const second = sandbox.addToken({ name: 'after-rotation' });
    const tokenFile = path.join(await mkdtemp(path.join(tmpdir(), 'alpacon-rotate-')), 'token.json');
    const store = new TokenStore({ tokenFile, env: {}, cwd: '/nonexistent' });
    await store.save('ap1', 'rotating', first.key);
    const client = new AlpaconClient(options(), store, silent);
    const target = { workspace: 'rotating', region: 'ap1' };
    try {
      sandbox.requests.clear();
      await client.get(target, '/api/servers/servers/');
      await store.save('ap1', 'rotating', second.key);
      await client.get(target, '/api/servers/servers/');
      await client.get(target, '/api/servers/servers/');
      expect(tokenIds()).toEqual([first.id, second.id, second.id]);
    } finally {
      client.close();
    }
  });

  it('the configured timeout applies without a per-call one, and a per-call one overrides it', async () => {
    const env = { [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token };
    const target = { workspace: sandbox.workspace, region: sandbox.region };
    const short = new AlpaconClient(options(300), new TokenStore({ env, cwd: '/nonexistent' }), silent);
    const long = new AlpaconClient(options(30_000), new TokenStore({ env, cwd: '/nonexistent' }), silent);
    try {
      sandbox.faults.add({ kind: 'latency', ms: 1_500, pathPrefix: '/api/status/', count: 3 });
      const code = (promise: Promise<unknown>) => promise.then(() => 'ok', (e: unknown) => (e instanceof AlpaconMcpError ? e.code : String(e)));
      expect(await code(short.get(target, '/api/status/'))).toBe('timeout');
      expect(await code(long.get(target, '/api/status/', { timeoutMs: 300 }))).toBe('timeout');
      expect(await code(short.get(target, '/api/status/', { timeoutMs: 10_000 }))).toBe('ok');
    } finally {
      sandbox.faults.clear();
      short.close();
      long.close();
    }
  });
});

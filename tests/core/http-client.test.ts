import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AlpaconClient } from '../../core/http/alpacon-client.js';
import { TokenStore } from '../../core/auth/token-store.js';
import { createLogger } from '../../core/logger.js';
import { AlpaconMcpError } from '../../core/errors/index.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

let sandbox: Sandbox;
let client: AlpaconClient;
let target: { workspace: string; region: string };

function makeClient(retries = 2, token?: string): AlpaconClient {
  const env = { [tokenEnvName(sandbox.region, sandbox.workspace)]: token ?? sandbox.token };
  return new AlpaconClient({ baseUrl: sandbox.url, timeoutMs: 2_000, retries, retryBaseMs: 20 }, new TokenStore({ env, cwd: '/nonexistent' }), createLogger({ level: 'silent' }));
}

async function failure(promise: Promise<unknown>): Promise<AlpaconMcpError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AlpaconMcpError);
  return error as AlpaconMcpError;
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
  target = { workspace: sandbox.workspace, region: sandbox.region };
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
  sandbox.faults.clear();
  sandbox.requests.clear();
  client = makeClient();
});

describe('AlpaconClient', () => {
  afterEach(() => client.close());

  it('retries GET on 5xx and succeeds', async () => {
    sandbox.faults.add({ kind: 'error5xx', status: 503, pathPrefix: '/api/servers/servers/', count: 2 });
    const page = await client.page(target, '/api/servers/servers/');
    expect(page.results.length).toBeGreaterThan(0);
    expect(sandbox.requests.filter({ method: 'GET', path: '/api/servers/servers/' })).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    sandbox.faults.add({ kind: 'rate429', retryAfter: 1, pathPrefix: '/api/servers/servers/', count: 1 });
    const started = Date.now();
    await client.page(target, '/api/servers/servers/');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sandbox.requests.filter({ path: '/api/servers/servers/' })).toHaveLength(2);
  });

  it('never retries a POST, so a command is never sent twice', async () => {
    const [server] = (await client.page<{ id: string }>(target, '/api/servers/servers/')).results;
    sandbox.requests.clear();
    sandbox.faults.add({ kind: 'error5xx', status: 502, method: 'POST', pathPrefix: '/api/events/commands/', count: 1 });
    const error = await failure(client.post(target, '/api/events/commands/', { shell: 'system', line: 'echo hi', server: server.id }));
    expect(error.code).toBe('unavailable');
    expect(error.status).toBe(502);
    expect(sandbox.requests.filter({ method: 'POST' })).toHaveLength(1);
  });

  it('does not retry a connection reset on POST either', async () => {
    sandbox.faults.add({ kind: 'reset', method: 'POST', count: 1 });
    const error = await failure(client.post(target, '/api/servers/notes/', { content: 'x' }));
    expect(error.code).toBe('network_error');
    expect(sandbox.requests.filter({ method: 'POST' }).length).toBeLessThanOrEqual(1);
  });

  it('maps 404 to not_found naming the id', async () => {
    const id = UNKNOWN_ID;
    const error = await failure(client.get(target, `/api/servers/servers/${id}/`, { resource: { what: 'Server', id } }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain(id);
  });

  it('maps a bad token to unauthorized without showing the token', async () => {
    const error = await failure(makeClient(0, 'wrong-token-value').get(target, '/api/iam/users/-/'));
    expect(error.code).toBe('unauthorized');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-token-value');
  });

  it('maps auth_mfa_required to mfa_required', async () => {
    sandbox.access.mfaRequired = true;
    try {
      const error = await failure(client.get(target, '/api/iam/users/-/'));
      expect(error.code).toBe('mfa_required');
      expect(error.apiCode).toBe('auth_mfa_required');
    } finally {
      sandbox.access.mfaRequired = false;
    }
  });

  it('opens the circuit after repeated failures and fails fast', async () => {
    const fresh = makeClient(0);
    sandbox.faults.add({ kind: 'error5xx', status: 500, pathPrefix: '/api/status/' });
    for (let i = 0; i < 5; i += 1) expect((await failure(fresh.get(target, '/api/status/'))).code).toBe('unavailable');
    sandbox.requests.clear();
    expect((await failure(fresh.get(target, '/api/status/'))).code).toBe('circuit_open');
    expect(sandbox.requests.all()).toHaveLength(0);
  });

  it('times out a request that never gets an answer', async () => {
    sandbox.faults.add({ kind: 'timeout', pathPrefix: '/api/status/', count: 1 });
    const error = await failure(makeClient(0).get(target, '/api/status/', { timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
  });

  it('collects pages up to a limit, following page numbers', async () => {
    const collected = await client.collect(target, '/api/servers/servers/', 3);
    expect(collected.items).toHaveLength(3);
    expect(collected.count).toBeGreaterThanOrEqual(3);
    expect(sandbox.requests.all()[0].query).toMatchObject({ page: '1', page_size: '3' });
  });

  it('cancels with the abort signal', async () => {
    sandbox.faults.add({ kind: 'latency', ms: 2_000, pathPrefix: '/api/status/', count: 1 });
    const controller = new AbortController();
    const pending = client.get(target, '/api/status/', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).code).toBe('cancelled');
  });
});

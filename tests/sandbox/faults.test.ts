import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { FaultController, parseFaults, type Sandbox } from '../../sandbox/index.js';
import { obj, withSandbox, type TestClient } from './helpers.js';

describe('fault controller', () => {
  it('parses the CLI form and rejects unknown keys and bad numbers', () => {
    expect(parseFaults('latency=50,error5xx=0.1,rate429=0.05')).toEqual({ latency: 50, error5xx: 0.1, rate429: 0.05 });
    expect(parseFaults('')).toEqual({});
    expect(() => parseFaults('explode=1')).toThrow(/Unknown fault "explode"/);
    expect(() => parseFaults('latency=abc')).toThrow(/non-negative number/);
  });

  it('is deterministic for a seed when a rate is used', () => {
    const run = () => {
      const faults = new FaultController(7);
      faults.configure({ error5xx: 0.3 });
      return Array.from({ length: 50 }, () => faults.decide('GET', '/api/x/').action.kind);
    };
    const first = run();
    expect(run()).toEqual(first);
    const hits = first.filter((k) => k === 'error5xx').length;
    expect(hits).toBeGreaterThan(5);
    expect(hits).toBeLessThan(30);
  });

  it('scopes rules by method, path prefix and count', () => {
    const faults = new FaultController();
    faults.add({ kind: 'error5xx', method: 'POST', pathPrefix: '/api/events/', count: 2 });
    expect(faults.decide('GET', '/api/events/commands/').action.kind).toBe('none');
    expect(faults.decide('POST', '/api/servers/').action.kind).toBe('none');
    expect(faults.decide('POST', '/api/events/commands/').action.kind).toBe('error5xx');
    expect(faults.decide('POST', '/api/events/commands/').action.kind).toBe('error5xx');
    expect(faults.decide('POST', '/api/events/commands/').action.kind).toBe('none');
    expect(faults.list()).toEqual([]);
  });
});

describe('faults over HTTP', () => {
  let sandbox: Sandbox;
  let client: TestClient;
  beforeAll(async () => ({ sandbox, client } = await withSandbox()));
  afterEach(() => sandbox.faults.clear());
  afterAll(() => sandbox.stop());

  it('adds latency', async () => {
    sandbox.faults.add({ kind: 'latency', ms: 150 });
    const started = Date.now();
    expect((await client.get('/api/status/')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers 5xx with a JSON body and logs it', async () => {
    sandbox.faults.add({ kind: 'error5xx', status: 502, count: 1 });
    sandbox.requests.clear();
    const res = await client.get('/api/servers/servers/');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(obj(res.body).detail).toEqual(expect.any(String));
    expect((await client.get('/api/servers/servers/')).status).toBe(200);
    expect(sandbox.requests.all().map((r) => r.status)).toEqual([502, 200]);
  });

  it('logs the JSON body of a request answered by a fault', async () => {
    sandbox.faults.add({ kind: 'error5xx', method: 'POST', count: 1 });
    sandbox.requests.clear();
    const server = sandbox.world.servers.all()[0].id;
    expect((await client.post('/api/servers/notes/', { server, content: 'x' })).status).toBe(503);
    expect(sandbox.requests.all()[0]).toMatchObject({ method: 'POST', status: 503, body: { server, content: 'x' } });
  });

  it('answers 429 with an integer Retry-After', async () => {
    sandbox.faults.add({ kind: 'rate429', retryAfter: 3, count: 1 });
    const res = await client.get('/api/servers/servers/');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
  });

  it('resets the connection', async () => {
    sandbox.faults.add({ kind: 'reset', count: 1 });
    await expect(client.get('/api/servers/servers/')).rejects.toThrow();
    expect((await client.get('/api/servers/servers/')).status).toBe(200);
  });

  it('never answers on a timeout fault', async () => {
    sandbox.faults.add({ kind: 'timeout', pathPrefix: '/api/events/', count: 1 });
    const pending = fetch(`${sandbox.url}/api/events/events/`, {
      headers: { Authorization: `token="${sandbox.token}"` }, signal: AbortSignal.timeout(300),
    });
    await expect(pending).rejects.toThrow();
    expect((await client.get('/api/events/events/')).status).toBe(200);
  });

  it('applies faults given at start', async () => {
    const other = await withSandbox({ faults: { error5xx: 1 } });
    try {
      expect((await other.client.get('/api/status/')).status).toBe(503);
    } finally {
      await other.sandbox.stop();
    }
  });

  it('stops promptly while delayed requests are pending, resetting them', async () => {
    const other = await withSandbox();
    other.sandbox.faults.add({ kind: 'latency', ms: 60_000 });
    const aborted = fetch(`${other.sandbox.url}/api/status/`, { signal: AbortSignal.timeout(100) });
    await expect(aborted).rejects.toThrow();
    const slow = fetch(`${other.sandbox.url}/api/status/`).catch(() => 'reset');
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await other.sandbox.stop();
    expect(await slow).toBe('reset');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('routes a 404 with a JSON body for unknown paths', async () => {
    const res = await client.get('/api/nothing/here/');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Not found.' });
  });
});

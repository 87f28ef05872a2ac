import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cursorPaginate, paginate } from '../../sandbox/http/pagination.js';
import { ApiError } from '../../sandbox/http/errors.js';
import type { Sandbox } from '../../sandbox/index.js';
import { list, obj, withSandbox, type TestClient } from './helpers.js';

const q = (text: string) => ({ query: new URLSearchParams(text) });
const items = Array.from({ length: 45 }, (_, i) => i);

describe('pagination helpers', () => {
  it('defaults to 20 per page with page numbers', () => {
    expect(paginate(q(''), items)).toMatchObject({ count: 45, current: 1, next: 2, previous: null, last: 3 });
    expect(paginate(q('page=3'), items)).toMatchObject({ current: 3, next: null, previous: 2, results: [40, 41, 42, 43, 44] });
    expect(paginate(q('page=last&page_size=10'), items)).toMatchObject({ current: 5, results: [40, 41, 42, 43, 44] });
  });

  it('caps page_size at 100 and ignores junk sizes', () => {
    const many = Array.from({ length: 250 }, (_, i) => i);
    expect(paginate(q('page_size=1000'), many).results).toHaveLength(100);
    expect(paginate(q('page_size=abc'), many).results).toHaveLength(20);
    expect(paginate(q('page_size=0'), many).results).toHaveLength(20);
  });

  it.each(['page=0', 'page=4', 'page=-1', 'page=x'])('answers 404 "Invalid page." for %s', (text) => {
    expect(() => paginate(q(text), items)).toThrow(ApiError);
    try {
      paginate(q(text), items);
    } catch (error) {
      expect((error as ApiError).status).toBe(404);
      expect((error as ApiError).body).toMatchObject({ detail: 'Invalid page.' });
    }
  });

  it('gives an empty list one page', () => {
    expect(paginate(q(''), [])).toEqual({ count: 0, current: 1, next: null, previous: null, last: 1, results: [] });
    expect(() => paginate(q('page=2'), [])).toThrow(ApiError);
  });

  it('walks a cursor to the end with an empty next', () => {
    const seen: number[] = [];
    let cursor = '';
    for (let guard = 0; guard < 10; guard++) {
      const page = cursorPaginate(q(`page_size=20&cursor=${encodeURIComponent(cursor)}`), items);
      seen.push(...page.results);
      if (page.next === '') break;
      cursor = page.next;
    }
    expect(seen).toEqual(items);
    expect(() => cursorPaginate(q('cursor=%%%'), items)).toThrow(ApiError);
  });
});

describe('pagination over HTTP at 1,000 servers', () => {
  let sandbox: Sandbox;
  let client: TestClient;
  beforeAll(async () => ({ sandbox, client } = await withSandbox({ servers: 1000 })));
  afterAll(() => sandbox.stop());

  it('pages through every server exactly once, quickly', async () => {
    const ids = new Set<string>();
    for (let page = 1; ; page++) {
      const body = obj((await client.get(`/api/servers/servers/?page=${page}&page_size=100`)).body);
      for (const server of list(body.results)) ids.add(String(server.id));
      if (body.next === null) break;
    }
    expect(ids.size).toBe(1000);
    expect(sandbox.world.servers.all().filter((s) => !s.is_connected)).toHaveLength(2);
  });

  // Response times at 1,000 servers are measured by the benchmarks, not asserted here.
  it('answers detail, name lookup and top', async () => {
    const target = sandbox.world.servers.all()[777];
    expect(obj((await client.get(`/api/servers/servers/${target.id}/`)).body).name).toBe(target.name);
    expect(obj((await client.get(`/api/servers/servers/?name=${target.name}`)).body).count).toBe(1);
    expect(list(obj((await client.get('/api/metrics/realtime/cpu/top/')).body).results)).toHaveLength(5);
  });

  it('gives unique names to every server', () => {
    const names = new Set(sandbox.world.servers.all().map((s) => s.name));
    expect(names.size).toBe(1000);
    expect(names.has('web-001')).toBe(true);
  });
});

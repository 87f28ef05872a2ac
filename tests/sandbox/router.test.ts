import { describe, expect, it } from '@jest/globals';
import { SandboxRouter } from '../../sandbox/http/router.js';
import { RequestLog } from '../../sandbox/http/request-log.js';
import { parseAuthorization } from '../../sandbox/http/auth.js';
import { globMatch } from '../../sandbox/http/access-control.js';

const ok = () => ({ status: 200 });

describe('sandbox router', () => {
  const router = new SandboxRouter();
  router.add('GET', '/api/iam/users/:id/', ok);
  router.add('GET', '/api/iam/users/-/', () => ({ status: 201 }));
  router.add('PUT', '/s3/:bucket/*key', ok, { auth: false, rawBody: true });

  it('matches params and requires the trailing slash', () => {
    const hit = router.lookup('GET', '/api/iam/users/abc/');
    expect(hit.kind).toBe('match');
    if (hit.kind === 'match') expect(hit.match.params).toEqual({ id: 'abc' });
    expect(router.lookup('GET', '/api/iam/users/abc').kind).toBe('none');
    expect(router.lookup('GET', '/api/iam/users//').kind).toBe('none');
  });

  it('prefers literal segments over params', async () => {
    const hit = router.lookup('GET', '/api/iam/users/-/');
    expect(hit.kind === 'match' && (await hit.match.handler({} as never, {} as never))).toEqual({ status: 201 });
  });

  it('captures the rest of the path with *name and decodes it', () => {
    const hit = router.lookup('PUT', '/s3/bucket/a/b%20c/d.txt');
    expect(hit.kind === 'match' && hit.match.params).toEqual({ bucket: 'bucket', key: 'a/b c/d.txt' });
    expect(hit.kind === 'match' && hit.match.options).toEqual({ auth: false, rawBody: true, mfaExempt: false });
  });

  it('reports the allowed methods for a known path', () => {
    expect(router.lookup('DELETE', '/api/iam/users/x/')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
  });

  it('finds a route added after paths of its length were looked up (the index by length is rebuilt)', () => {
    const late = new SandboxRouter();
    late.add('GET', '/a/:x/', ok);
    expect(late.lookup('GET', '/a/b/c/').kind).toBe('none');
    late.add('GET', '/a/:x/:y/', () => ({ status: 202 }));
    late.add('GET', '/w/*rest', () => ({ status: 203 }));
    const hit = late.lookup('GET', '/a/b/c/');
    expect(hit.kind === 'match' && hit.match.params).toEqual({ x: 'b', y: 'c' });
    expect(late.lookup('GET', '/w/one/two/three/').kind).toBe('match');
    expect(late.lookup('GET', '/w/').kind).toBe('match');
  });
});

describe('auth header parsing and ACL globs', () => {
  it.each([
    ['token="abc"', { kind: 'api-token', value: 'abc' }],
    ['token=abc', { kind: 'api-token', value: 'abc' }],
    ['Bearer a.b.c', { kind: 'jwt', value: 'a.b.c' }],
    ['Basic xyz', undefined],
    [undefined, undefined],
  ])('%s', (header, expected) => {
    expect(parseAuthorization(header)).toEqual(expected);
  });

  it('matches ACL patterns with * wildcards only', () => {
    expect(globMatch('df *', 'df -h')).toBe(true);
    expect(globMatch('df *', 'df')).toBe(false);
    expect(globMatch('/home/*', '/home/alice/x')).toBe(true);
    expect(globMatch('ls.', 'lsx')).toBe(false);
  });
});

describe('request log', () => {
  it('filters by method, exact path, RegExp and prefix, and clears', () => {
    const log = new RequestLog();
    const base = { query: {}, body: undefined, headers: {}, status: 200, time: 0 };
    log.record({ ...base, method: 'GET', path: '/api/a/' });
    log.record({ ...base, method: 'POST', path: '/api/a/b/' });
    expect(log.filter({ method: 'post' })).toHaveLength(1);
    expect(log.filter({ path: '/api/a/' })).toHaveLength(1);
    expect(log.filter({ path: /^\/api\/a\// })).toHaveLength(2);
    expect(log.count({ pathPrefix: '/api/a/b' })).toBe(1);
    log.clear();
    expect(log.all()).toEqual([]);
  });
});

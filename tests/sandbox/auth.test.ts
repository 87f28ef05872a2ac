import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../sandbox/index.js';
import { obj, withSandbox, type TestClient } from './helpers.js';

describe('sandbox auth', () => {
  let sandbox: Sandbox;
  let client: TestClient;
  beforeAll(async () => ({ sandbox, client } = await withSandbox({ token: 'secret-canary-token' })));
  afterAll(() => sandbox.stop());

  it.each([
    ['quoted API token', 'token="secret-canary-token"'],
    ['unquoted API token', 'token=secret-canary-token'],
  ])('accepts a %s', async (_label, header) => {
    expect((await client.withAuth(header).get('/api/iam/users/-/')).status).toBe(200);
  });

  it('accepts a Bearer JWT and refuses a tampered one', async () => {
    expect((await client.withAuth(`Bearer ${sandbox.jwt}`).get('/api/iam/users/-/')).status).toBe(200);
    const tampered = `${sandbox.jwt.slice(0, -2)}xx`;
    const res = await client.withAuth(`Bearer ${tampered}`).get('/api/iam/users/-/');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Invalid token.' });
  });

  it('refuses an expired JWT', async () => {
    const expired = sandbox.issueJwt('alice', -10);
    expect((await client.withAuth(`Bearer ${expired}`).get('/api/servers/servers/')).status).toBe(401);
  });

  it('answers 401 "Invalid token." for a wrong key and "not provided" without a header', async () => {
    const wrong = await client.withAuth('token="nope"').get('/api/servers/servers/');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ detail: 'Invalid token.' });
    const none = await client.withAuth(null).get('/api/servers/servers/');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    const basic = await client.withAuth('Basic Zm9vOmJhcg==').get('/api/servers/servers/');
    expect(basic.body).toEqual({ detail: 'Authentication credentials were not provided.' });
  });

  it('refuses disabled and expired API tokens', async () => {
    const disabled = sandbox.addToken({ enabled: false });
    expect((await client.withAuth(`token="${disabled.key}"`).get('/api/status/')).status).toBe(401);
    const expired = sandbox.addToken({ expiresAt: '2020-01-01T00:00:00Z' });
    expect((await client.withAuth(`token="${expired.key}"`).get('/api/status/')).status).toBe(401);
  });

  it('returns the current user with privilege at /api/iam/users/-/', async () => {
    const me = obj((await client.get('/api/iam/users/-/')).body);
    expect(me).toMatchObject({ username: 'sandbox-admin', is_staff: true, is_superuser: false, privilege: 'staff' });
    for (const field of ['id', 'email', 'phone', 'uid', 'shell', 'home_directory']) expect(me).toHaveProperty(field);
    const alice = obj((await client.withAuth(`Bearer ${sandbox.issueJwt('alice')}`).get('/api/iam/users/-/')).body);
    expect(alice).toMatchObject({ username: 'alice', privilege: 'general' });
  });

  it('answers whoami and status', async () => {
    expect(obj((await client.get('/api/auth/whoami/')).body)).toMatchObject({ principal_type: 'user', auth: { scopes: ['*:*'] } });
    expect((await client.get('/api/status/')).status).toBe(200);
  });

  it('answers 401 auth_mfa_required when MFA is required, switchable at runtime', async () => {
    sandbox.access.mfaRequired = true;
    try {
      const res = await client.get('/api/servers/servers/');
      expect(res.status).toBe(401);
      expect(obj(res.body).code).toBe('auth_mfa_required');
      expect(obj(res.body).detail).toEqual(expect.any(String));
      expect(obj((await client.get('/api/auth0/mfa/?location=cli')).body).mfa_url).toEqual(expect.stringContaining(sandbox.url));
      expect((await client.get('/api/auth0/mfa/completion/')).body).toEqual({ completed: false });
    } finally {
      sandbox.access.mfaRequired = false;
    }
    expect((await client.get('/api/servers/servers/')).status).toBe(200);
    expect((await client.get('/api/auth0/mfa/completion/')).body).toEqual({ completed: true });
  });

  it('redacts Authorization in the request log and never logs the token', async () => {
    sandbox.requests.clear();
    await client.get('/api/servers/servers/?page=1');
    const [entry] = sandbox.requests.filter({ method: 'GET', path: '/api/servers/servers/' });
    expect(entry.headers.authorization).toBe('[redacted]');
    expect(entry.query).toEqual({ page: '1' });
    expect(entry.status).toBe(200);
    expect(JSON.stringify(sandbox.requests.all())).not.toContain('secret-canary-token');
  });

  it('creates, lists and deletes API tokens; a created token authenticates', async () => {
    // Token management refuses API tokens (source "api"): alpacon-server api/apitoken/permissions.py. A JWT passes.
    expect(await client.get('/api/auth/tokens/')).toMatchObject({ status: 403, body: { detail: 'You do not have permission to perform this action.' } });
    const client0 = client;
    client = client.withAuth(`Bearer ${sandbox.jwt}`);
    const created = await client.post('/api/auth/tokens/', { name: 'ci', expires_at: null });
    expect(created.status).toBe(201);
    const { id, key } = obj(created.body) as { id: string; key: string };
    expect((await client.withAuth(`token="${key}"`).get('/api/iam/users/-/')).status).toBe(200);
    const listed = obj((await client.get('/api/auth/tokens/')).body);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect((await client.post('/api/auth/tokens/', { name: 'ci' })).status).toBe(400);
    expect((await client.delete(`/api/auth/tokens/${id}/`)).status).toBe(204);
    expect((await client.withAuth(`token="${key}"`).get('/api/iam/users/-/')).status).toBe(401);
    expect(obj((await client0.get('/api/auth/tokens/scopes/')).body)).toHaveProperty('resources');
    client = client0;
  });

  it('serves the workspace preferences singleton', async () => {
    expect(obj((await client.get('/api/workspaces/preferences/-/')).body)).toHaveProperty('websh_session_timeout');
    const patched = await client.patch('/api/workspaces/preferences/-/', { websh_session_timeout: 600 });
    expect(obj(patched.body).websh_session_timeout).toBe(600);
    expect((await client.patch('/api/workspaces/preferences/-/', { websh_session_timeout: 1 })).status).toBe(400);
  });

  it('answers bad JSON with 400 and a non-JSON body with 415', async () => {
    const bad = await client.request('POST', '/api/servers/notes/', '{oops', { 'Content-Type': 'application/json' });
    expect(bad.status).toBe(400);
    // DRF bodies carry a code only where the CLI documents one (shared/alpacon-api.md section 0).
    expect(obj(bad.body)).toEqual({ detail: expect.stringContaining('JSON parse error') });
    const text = await client.request('POST', '/api/servers/notes/', 'hello', { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
  });
});

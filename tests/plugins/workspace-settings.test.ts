import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BUILTIN_PLUGINS } from '../../plugins/builtin.js';
import { ignoredFields } from '../../plugins/workspace-settings/settings-fields.js';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

const SETTINGS = [
  { get: 'get_workspace_preferences', update: 'update_workspace_preferences', path: '/api/workspaces/preferences/-/', change: { websh_session_timeout: 3600 } },
  { get: 'get_workspace_access_control', update: 'update_workspace_access_control', path: '/api/workspaces/access-control/-/', change: { allow_direct_root: true } },
  { get: 'get_workspace_security', update: 'update_workspace_security', path: '/api/workspaces/security/-/', change: { mfa_timeout: 600 } },
];

describe('workspace settings tools against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    // Only this plugin: the test does not depend on other plugins' state.
    t = await connectToSandbox({ rc: { http: { retries: 0 } }, builtins: { workspace: BUILTIN_PLUGINS.workspace, 'workspace-settings': BUILTIN_PLUGINS['workspace-settings'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => {
    t.sandbox.faults.clear();
    await t.close();
  });

  const expectNothingSent = () => expect(t.sandbox.requests.all()).toHaveLength(0);

  describe.each(SETTINGS)('$get / $update', ({ get, update, path, change }) => {
    it('get reads the singleton; update patches exactly the changes and the answer shows them', async () => {
      t.sandbox.requests.clear();
      const before = await t.call(get, { ...ws });
      expect(before.error).toBeUndefined();
      expect(typeof before.data).toBe('object');
      const updated = await t.call(update, { ...ws, changes: change });
      expect(updated.error).toBeUndefined();
      expect(updated.data).toMatchObject(change);
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'GET', path }),
        expect.objectContaining({ method: 'PATCH', path, body: change, status: 200 }),
      ]);
      expect((await t.call(get, { ...ws })).data).toMatchObject(change);
    });

    it('refuses empty changes, unknown fields and wrong types without a request', async () => {
      t.sandbox.requests.clear();
      const empty = await t.call(update, { ...ws, changes: {} });
      expect(empty.error?.code).toBe('invalid_input');
      const unknown = await t.call(update, { ...ws, changes: { ...change, no_such_field: 1 } });
      expect(unknown.error?.code).toBe('invalid_input');
      expect((unknown.error?.details?.fields as { field: string }[]).map((f) => f.field)).toEqual(['changes.no_such_field']);
      const [key] = Object.keys(change);
      expect((await t.call(update, { ...ws, changes: { [key]: 'soon' } })).error?.code).toBe('invalid_input');
      expect((await t.call(update, { ...ws, changes: 'x' })).error?.code).toBe('invalid_input');
      expectNothingSent();
    });

    it('an API error reaches the caller typed (server error → unavailable)', async () => {
      t.sandbox.faults.add({ kind: 'error5xx', status: 503, pathPrefix: path });
      try {
        expect((await t.call(get, { ...ws })).error?.code).toBe('unavailable');
        expect((await t.call(update, { ...ws, changes: change })).error?.code).toBe('unavailable');
      } finally {
        t.sandbox.faults.clear();
      }
    });
  });

  it('values the API rejects come back as invalid_input naming the field', async () => {
    t.sandbox.requests.clear();
    const result = await t.call('update_workspace_access_control', { ...ws, changes: { home_directory_permission: 'rwx' } });
    expect(result.error?.code).toBe('invalid_input');
    expect((result.error?.details?.fields as { field: string }[]).map((f) => f.field)).toEqual(['home_directory_permission']);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'PATCH', status: 400 })]);
  });

  it('list_workspace_mfa_methods reads the mfa-methods subset (alpacon-cli api/workspace/mfa_methods.go)', async () => {
    t.sandbox.requests.clear();
    const result = await t.call('list_workspace_mfa_methods', { ...ws });
    expect(result.data).toEqual({ allowed_mfa_methods: ['email', 'otp'], passkey_as_mfa: false });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/workspaces/security/-/mfa-methods/' })]);
    // A self-hosted Alpacon has no such route: the hint says it is a cloud feature. A 403 points to an SSO login.
    t.sandbox.faults.add({ kind: 'error5xx', status: 404, pathPrefix: '/api/workspaces/security/-/mfa-methods/', count: 1 });
    const missing = await t.call('list_workspace_mfa_methods', { ...ws });
    expect(missing.error?.code).toBe('not_found');
    expect(missing.error?.hint).toMatch(/Alpacon Cloud/);
    t.sandbox.faults.add({ kind: 'error5xx', status: 403, pathPrefix: '/api/workspaces/security/-/mfa-methods/', count: 1 });
    const refused = await t.call('list_workspace_mfa_methods', { ...ws });
    expect(refused.error?.code).toBe('forbidden');
    expect(refused.error?.hint).toMatch(/SSO/);
    t.sandbox.requests.clear();
    expect((await t.call('list_workspace_mfa_methods', { workspace: 'Bad Name' })).error?.code).toBe('invalid_input');
    expectNothingSent();
  });

  it('fields the API does not echo back are named as probably ignored', () => {
    expect(ignoredFields({ invite_ttl: 1, language: 'ko' }, { language: 'ko', timezone: 'UTC' })).toEqual(['invite_ttl']);
    expect(ignoredFields({ language: 'ko' }, null)).toEqual([]);
  });
});

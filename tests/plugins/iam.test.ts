import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { connect, connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

const PASSWORD = 'Canary-Pa55word-7f3e';

interface User {
  id: string;
  username: string;
  email: string;
  first_name: string;
  is_active: boolean;
}

const fieldsOf = (error: { details?: Record<string, unknown> } | undefined): string[] =>
  ((error?.details?.fields ?? []) as { field: string }[]).map((f) => f.field).sort();

describe('iam plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox();
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  describe('users', () => {
    it('list_iam_users pages and filters by exact username', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('list_iam_users', { ...ws, username: 'sandbox-admin', page: 1, page_size: 10 });
      expect(result.error).toBeUndefined();
      const page = result.data as { count: number; results: User[] };
      expect(page.count).toBe(1);
      expect(page.results[0].username).toBe('sandbox-admin');
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'GET', path: '/api/iam/users/', query: { username: 'sandbox-admin', page: '1', page_size: '10' } }),
      ]);
    });

    it('get_iam_user returns one user; an unknown id is not_found', async () => {
      const admin = t.sandbox.world.findUserByUsername('sandbox-admin')!;
      t.sandbox.requests.clear();
      const result = await t.call('get_iam_user', { ...ws, user_id: admin.id });
      expect((result.data as User).username).toBe('sandbox-admin');
      expect(t.sandbox.requests.all()[0]).toMatchObject({ method: 'GET', path: `/api/iam/users/${admin.id}/` });
      const missing = await t.call('get_iam_user', { ...ws, user_id: UNKNOWN_ID });
      expect(missing.error?.code).toBe('not_found');
      expect(missing.error?.message).toContain(UNKNOWN_ID);
    });

    it('create, update and delete a user, never echoing the password', async () => {
      t.sandbox.requests.clear();
      const created = await t.call('create_iam_user', {
        ...ws, username: 'jdoe', email: 'jdoe@example.com', first_name: 'Jane', last_name: 'Doe', password: PASSWORD, is_active: true,
      });
      expect(created.error).toBeUndefined();
      const user = created.data as User;
      expect(user).toMatchObject({ username: 'jdoe', email: 'jdoe@example.com', first_name: 'Jane', is_active: true });
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({
          method: 'POST', path: '/api/iam/users/', status: 201,
          body: { username: 'jdoe', email: 'jdoe@example.com', first_name: 'Jane', last_name: 'Doe', password: PASSWORD, is_active: true },
        }),
      ]);
      expect(JSON.stringify(created.raw)).not.toContain(PASSWORD);

      t.sandbox.requests.clear();
      const updated = await t.call('update_iam_user', { ...ws, user_id: user.id, is_active: false, password: `${PASSWORD}-2` });
      expect((updated.data as User).is_active).toBe(false);
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'PATCH', path: `/api/iam/users/${user.id}/`, body: { password: `${PASSWORD}-2`, is_active: false } }),
      ]);
      expect(JSON.stringify(updated.raw)).not.toContain(PASSWORD);

      t.sandbox.requests.clear();
      const deleted = await t.call('delete_iam_user', { ...ws, user_id: user.id });
      expect(deleted.data).toEqual({ deleted: true, user_id: user.id });
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/iam/users/${user.id}/`, status: 204 })]);
      expect(t.sandbox.world.users.get(user.id)).toBeUndefined();
      expect(t.logs.join('\n')).not.toContain(PASSWORD);
    });

    it('refuses bad user arguments and an empty update without a request', async () => {
      t.sandbox.requests.clear();
      const missing = await t.call('create_iam_user', { ...ws, username: 'x', email: 'not-an-email' });
      expect(missing.error?.code).toBe('invalid_input');
      // first_name and last_name are optional, as in the Python server (docs/migrating.md).
      expect(fieldsOf(missing.error)).toEqual(['email']);
      const empty = await t.call('update_iam_user', { ...ws, user_id: UNKNOWN_ID });
      expect(empty.error?.code).toBe('invalid_input');
      expect(fieldsOf(empty.error)).toEqual(['(arguments)']);
      const badId = await t.call('delete_iam_user', { ...ws, user_id: 'jdoe' });
      expect(fieldsOf(badId.error)).toEqual(['user_id']);
      const badFilter = await t.call('list_iam_users', { ...ws, page_size: 0 });
      expect(badFilter.error?.code).toBe('invalid_input');
      const badGet = await t.call('get_iam_user', { ...ws, user_id: 42 });
      expect(badGet.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('API field errors come back as invalid_input with the API\'s fields', async () => {
      const result = await t.call('create_iam_user', {
        ...ws, username: 'Bad Name', email: 'b@example.com', first_name: 'B', last_name: 'N', password: 'short',
      });
      expect(result.error?.code).toBe('invalid_input');
      expect(result.error?.status).toBe(400);
      expect(fieldsOf(result.error)).toEqual(['password', 'username']);
      expect(JSON.stringify(result.raw)).not.toContain('"short"');
    });

    it('update and delete of an unknown user are not_found', async () => {
      const update = await t.call('update_iam_user', { ...ws, user_id: UNKNOWN_ID, first_name: 'X' });
      expect(update.error?.code).toBe('not_found');
      const removal = await t.call('delete_iam_user', { ...ws, user_id: UNKNOWN_ID });
      expect(removal.error?.code).toBe('not_found');
      expect(removal.error?.message).toContain(UNKNOWN_ID);
    });
  });

  describe('groups', () => {
    it('create_iam_group posts the given fields and display_name (the name when not given); list_iam_groups finds it by name', async () => {
      t.sandbox.requests.clear();
      const created = await t.call('create_iam_group', { ...ws, name: 'dev-ops', description: 'On-call team' });
      expect(created.error).toBeUndefined();
      expect(created.data).toMatchObject({ name: 'dev-ops', description: 'On-call team' });
      expect(t.sandbox.requests.all()).toEqual([
        // display_name defaults to the name: the 2024 server requires it (tests/contract/iam.test.ts).
        expect.objectContaining({ method: 'POST', path: '/api/iam/groups/', status: 201, body: { name: 'dev-ops', display_name: 'dev-ops', description: 'On-call team' } }),
      ]);

      t.sandbox.requests.clear();
      const listed = await t.call('list_iam_groups', { ...ws, name: 'dev-ops' });
      expect((listed.data as { results: { name: string }[] }).results.map((g) => g.name)).toEqual(['dev-ops']);
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'GET', path: '/api/iam/groups/', query: { name: 'dev-ops', page: '1', page_size: '20' } }),
      ]);
    });

    it('refuses bad group arguments without a request', async () => {
      t.sandbox.requests.clear();
      const noName = await t.call('create_iam_group', { ...ws, display_name: 'Ops' });
      expect(fieldsOf(noName.error)).toEqual(['name']);
      const extra = await t.call('list_iam_groups', { ...ws, owner: 'me' });
      expect(extra.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('a duplicate group name is invalid_input from the API', async () => {
      const result = await t.call('create_iam_group', { ...ws, name: 'dev-ops' });
      expect(result.error?.code).toBe('invalid_input');
      expect(fieldsOf(result.error)).toEqual(['name']);
    });

    it('list_iam_users and list_iam_groups map a persistent server error to unavailable', async () => {
      const t2 = await connectToSandbox({ rc: { http: { retries: 0 } } });
      try {
        t2.sandbox.faults.add({ kind: 'error5xx', status: 502, pathPrefix: '/api/iam/' });
        const groups = await t2.call('list_iam_groups', { workspace: t2.sandbox.workspace });
        expect(groups.error?.code).toBe('unavailable');
        const users = await t2.call('list_iam_users', { workspace: t2.sandbox.workspace });
        expect(users.error?.code).toBe('unavailable');
        expect(t2.sandbox.requests.all().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
          'GET /api/iam/groups/ 502', 'GET /api/iam/users/ 502',
        ]);
      } finally {
        await t2.close();
      }
    });
  });

  it('a general (non-staff) user is refused creating a user with forbidden', async () => {
    const general = t.sandbox.world.users.all().find((u) => !u.is_staff && !u.is_superuser);
    expect(general).toBeDefined();
    const { key } = t.sandbox.addToken({ username: general!.username });
    // The same sandbox with the general user's token, through a second in-process server.
    const c = await connect({ env: { [tokenEnvName(t.sandbox.region, t.sandbox.workspace)]: key }, overrides: { baseUrl: t.sandbox.url } });
    try {
      const result = await c.call('create_iam_user', { ...ws, username: 'nope', email: 'n@example.com', first_name: 'N', last_name: 'O' });
      expect(result.error?.code).toBe('forbidden');
    } finally {
      await c.close();
    }
  });
});

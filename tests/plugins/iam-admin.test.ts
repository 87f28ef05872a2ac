import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BUILTIN_PLUGINS } from '../../plugins/builtin.js';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

interface Membership {
  id: string;
  group: string;
  role: string;
}

describe('iam plugin (groups, memberships, invitations) against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  let groupId: string;
  beforeAll(async () => {
    // Only this plugin: the test does not depend on other plugins' state.
    t = await connectToSandbox({ rc: { http: { retries: 0 } }, builtins: { iam: BUILTIN_PLUGINS.iam } });
    ws = { workspace: t.sandbox.workspace };
    const created = await t.call('create_iam_group', { ...ws, name: 'dbas', display_name: 'DBAs' });
    groupId = (created.data as { id: string }).id;
  });
  afterAll(async () => t.close());

  const expectNothingSent = () => expect(t.sandbox.requests.all()).toHaveLength(0);
  const someUser = () => t.sandbox.world.users.all().find((u) => u.username !== 'sandbox-admin') ?? t.sandbox.world.users.all()[0];

  describe('groups: get / update / delete', () => {
    it('get_iam_group returns the group; unknown id is not_found naming it', async () => {
      t.sandbox.requests.clear();
      const got = await t.call('get_iam_group', { ...ws, group_id: groupId });
      expect(got.data).toMatchObject({ id: groupId, name: 'dbas', display_name: 'DBAs' });
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: `/api/iam/groups/${groupId}/` })]);
      const missing = await t.call('get_iam_group', { ...ws, group_id: UNKNOWN_ID });
      expect(missing.error?.code).toBe('not_found');
      expect(missing.error?.message).toContain(UNKNOWN_ID);
    });

    it('update_iam_group patches only display_name/description; unknown id is not_found', async () => {
      t.sandbox.requests.clear();
      const updated = await t.call('update_iam_group', { ...ws, group_id: groupId, description: 'Database admins' });
      expect(updated.data).toMatchObject({ id: groupId, description: 'Database admins', display_name: 'DBAs' });
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'PATCH', path: `/api/iam/groups/${groupId}/`, body: { description: 'Database admins' }, status: 200 }),
      ]);
      expect((await t.call('update_iam_group', { ...ws, group_id: UNKNOWN_ID, description: 'x' })).error?.code).toBe('not_found');
    });

    it('refuses bad group arguments and an empty update without a request', async () => {
      t.sandbox.requests.clear();
      expect((await t.call('update_iam_group', { ...ws, group_id: groupId })).error?.code).toBe('invalid_input');
      expect((await t.call('update_iam_group', { ...ws, group_id: groupId, description: 'x'.repeat(513) })).error?.code).toBe('invalid_input');
      expect((await t.call('get_iam_group', { ...ws, group_id: 'dbas' })).error?.code).toBe('invalid_input');
      expect((await t.call('delete_iam_group', { ...ws })).error?.code).toBe('invalid_input');
      expectNothingSent();
    });

    it('delete_iam_group deletes; a second delete is not_found', async () => {
      const created = await t.call('create_iam_group', { ...ws, name: 'temp-group' });
      const id = (created.data as { id: string }).id;
      t.sandbox.requests.clear();
      expect((await t.call('delete_iam_group', { ...ws, group_id: id })).data).toEqual({ deleted: true, group_id: id });
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/iam/groups/${id}/`, status: 204 })]);
      expect((await t.call('delete_iam_group', { ...ws, group_id: id })).error?.code).toBe('not_found');
    });
  });

  describe('memberships', () => {
    let membershipId: string;

    it('add_iam_member posts {group, user, role}; list_iam_memberships filters by group', async () => {
      const user = someUser();
      t.sandbox.requests.clear();
      const added = await t.call('add_iam_member', { ...ws, group_id: groupId, user_id: user.id, role: 'manager' });
      expect(added.error).toBeUndefined();
      membershipId = (added.data as Membership).id;
      expect(added.data).toMatchObject({ role: 'manager' });
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'POST', path: '/api/iam/memberships/', status: 201, body: { group: groupId, user: user.id, role: 'manager' } }),
      ]);
      t.sandbox.requests.clear();
      const listed = await t.call('list_iam_memberships', { ...ws, group_id: groupId });
      const page = listed.data as { results: Membership[] };
      expect(page.results.map((m) => m.id)).toContain(membershipId);
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'GET', path: '/api/iam/memberships/', query: { group: groupId, page: '1', page_size: '20' } }),
      ]);
    });

    it('adding the same user twice is invalid_input from the API; role defaults to member', async () => {
      t.sandbox.requests.clear();
      const again = await t.call('add_iam_member', { ...ws, group_id: groupId, user_id: someUser().id });
      expect(again.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()[0]).toMatchObject({ body: { group: groupId, user: someUser().id, role: 'member' }, status: 400 });
    });

    it('refuses bad membership arguments without a request', async () => {
      t.sandbox.requests.clear();
      expect((await t.call('add_iam_member', { ...ws, group_id: groupId, user_id: someUser().id, role: 'admin' })).error?.code).toBe('invalid_input');
      expect((await t.call('add_iam_member', { ...ws, group_id: groupId })).error?.code).toBe('invalid_input');
      expect((await t.call('list_iam_memberships', { ...ws, user_id: 'alice' })).error?.code).toBe('invalid_input');
      expect((await t.call('remove_iam_member', { ...ws, membership_id: '1' })).error?.code).toBe('invalid_input');
      expectNothingSent();
    });

    it('remove_iam_member deletes the membership; a second remove is not_found', async () => {
      t.sandbox.requests.clear();
      expect((await t.call('remove_iam_member', { ...ws, membership_id: membershipId })).data).toEqual({ removed: true, membership_id: membershipId });
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'DELETE', path: `/api/iam/memberships/${membershipId}/`, status: 204 }),
      ]);
      const again = await t.call('remove_iam_member', { ...ws, membership_id: membershipId });
      expect(again.error?.code).toBe('not_found');
      expect(again.error?.message).toContain(membershipId);
    });
  });

  describe('invite_workspace_user', () => {
    it('posts {email}', async () => {
      t.sandbox.requests.clear();
      const invited = await t.call('invite_workspace_user', { ...ws, email: 'new.person@example.com' });
      expect(invited.data).toEqual({ invited: true, email: 'new.person@example.com' });
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'POST', path: '/api/workspaces/users/invite/', body: { email: 'new.person@example.com' }, status: 201 }),
      ]);
    });

    it('refuses a malformed email without a request; an existing user\'s email is invalid_input from the API', async () => {
      t.sandbox.requests.clear();
      expect((await t.call('invite_workspace_user', { ...ws, email: 'not-an-email' })).error?.code).toBe('invalid_input');
      expectNothingSent();
      const existing = await t.call('invite_workspace_user', { ...ws, email: someUser().email });
      expect(existing.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', status: 400 })]);
    });
  });
});

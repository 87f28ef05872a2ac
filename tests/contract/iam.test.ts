import { expect, it } from '@jest/globals';
import { describeGenerations } from './generations.js';

/**
 * IAM writes against both server generations (shared/alpacon-api.md section 0, "IAM writes"): the 2024 server requires
 * `password` on user create and a group `display_name`, and keeps `username` read-only on update (silently ignored)
 * (alpacanetworks/alpacon-server iam/api/serializers.py UserSerializer, UserUpdateSerializer, GroupSerializer; iam/models.py).
 * The reads and the other writes work alike in both.
 */
describeGenerations('IAM contract', ({ generation, mcp }) => {
  const call = (tool: string, args: Record<string, unknown>) => mcp().call(tool, { workspace: mcp().sandbox.workspace, ...args });
  const person = (username: string) => ({ username, email: `${username}@example.com`, first_name: 'Contract', last_name: 'Test' });

  it('create_iam_user without a password: created today; in 2024 an invalid_input that says to pass password', async () => {
    const outcome = await call('create_iam_user', person(`nopw${generation}`));
    if (generation === 'current') {
      expect(outcome.error).toBeUndefined();
      return;
    }
    expect(outcome.error).toMatchObject({ code: 'invalid_input', details: { fields: [{ field: 'password', problems: ['This field is required.'] }] } });
    expect(outcome.error?.hint).toContain('password');
  });

  it('create_iam_user with a password, then get, list, update and delete it', async () => {
    const created = await call('create_iam_user', { ...person(`withpw${generation}`), password: 'long-enough-secret' });
    expect(created.error).toBeUndefined();
    expect(JSON.stringify(created.data)).not.toContain('long-enough-secret');
    const id = (created.data as { id: string }).id;
    expect((await call('get_iam_user', { user_id: id })).error).toBeUndefined();
    expect(((await call('list_iam_users', { username: `withpw${generation}` })).data as { count: number }).count).toBe(1);
    expect((await call('update_iam_user', { user_id: id, first_name: 'Changed' })).data).toMatchObject({ first_name: 'Changed' });
    expect((await call('delete_iam_user', { user_id: id })).error).toBeUndefined();
  });

  it('update_iam_user renaming a user: renamed today; in 2024 the other changes apply and the ignored username is reported', async () => {
    const created = await call('create_iam_user', { ...person(`rename${generation}`), password: 'long-enough-secret' });
    const id = (created.data as { id: string }).id;
    const outcome = await call('update_iam_user', { user_id: id, username: `renamed${generation}`, last_name: 'Moved' });
    expect(outcome.error).toBeUndefined();
    const data = outcome.data as { username: string; last_name: string; ignored?: string[]; note?: string };
    expect(data.last_name).toBe('Moved');
    if (generation === 'current') {
      expect(data).toMatchObject({ username: `renamed${generation}` });
      expect(data.ignored).toBeUndefined();
    } else {
      expect(data).toMatchObject({ username: `rename${generation}`, ignored: ['username'] });
      expect(data.note).toContain('does not rename');
    }
  });

  it('create_iam_group without display_name works in both (the name is sent as display_name)', async () => {
    const { sandbox } = mcp();
    sandbox.requests.clear();
    const outcome = await call('create_iam_group', { name: `team-${generation}` });
    expect(outcome.error).toBeUndefined();
    expect(sandbox.requests.filter({ method: 'POST', path: '/api/iam/groups/' })[0].body).toMatchObject({ display_name: `team-${generation}` });
    const id = (outcome.data as { id: string }).id;
    expect((await call('update_iam_group', { group_id: id, description: 'changed' })).error).toBeUndefined();
    expect((await call('list_iam_groups', {})).error).toBeUndefined();
    expect((await call('delete_iam_group', { group_id: id })).error).toBeUndefined();
  });

  it('the 2024 server refuses a group without display_name (sandbox plays it)', async () => {
    const { sandbox } = mcp();
    const response = await fetch(`${sandbox.url}/api/iam/groups/`, {
      method: 'POST', headers: { authorization: `token="${sandbox.token}"`, 'content-type': 'application/json' }, body: JSON.stringify({ name: `bare-${generation}` }),
    });
    expect(response.status).toBe(generation === '2024' ? 400 : 201);
  });
});

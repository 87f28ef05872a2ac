import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../sandbox/index.js';
import { list, obj, withSandbox, type TestClient } from './helpers.js';

describe('sandbox IAM', () => {
  let sandbox: Sandbox;
  let client: TestClient;
  beforeAll(async () => ({ sandbox, client } = await withSandbox()));
  afterAll(() => sandbox.stop());

  it('lists users with UserResponse fields and finds one by exact username', async () => {
    const page = obj((await client.get('/api/iam/users/')).body);
    expect(page.count).toBe(5);
    const alice = list(obj((await client.get('/api/iam/users/?username=alice')).body).results);
    expect(alice).toHaveLength(1);
    for (const field of ['id', 'username', 'first_name', 'last_name', 'email', 'phone', 'tags', 'num_groups', 'uid', 'is_active', 'is_staff', 'is_superuser', 'is_ldap_user', 'date_joined']) {
      expect(alice[0]).toHaveProperty(field);
    }
    expect(alice[0].num_groups).toBe(2);
  });

  it('creates, reads, updates and deletes a user', async () => {
    const created = await client.post('/api/iam/users/', { username: 'dave', email: 'dave@example.com', first_name: 'Dave', last_name: 'Jung', is_active: true });
    expect(created.status).toBe(201);
    const id = String(obj(created.body).id);
    expect(obj((await client.get(`/api/iam/users/${id}/`)).body)).toMatchObject({ username: 'dave', email: 'dave@example.com', is_staff: false });
    const updated = await client.patch(`/api/iam/users/${id}/`, { last_name: 'Kang', is_active: false });
    expect(obj(updated.body)).toMatchObject({ last_name: 'Kang', is_active: false, username: 'dave' });
    expect((await client.delete(`/api/iam/users/${id}/`)).status).toBe(204);
    expect((await client.get(`/api/iam/users/${id}/`)).status).toBe(404);
  });

  it('answers DRF field errors for invalid users', async () => {
    const res = await client.post('/api/iam/users/', { username: 'Bad Name', email: 'nope', password: 'short' });
    expect(res.status).toBe(400);
    expect(Object.keys(obj(res.body)).sort()).toEqual(['email', 'password', 'username']);
    const duplicate = await client.post('/api/iam/users/', { username: 'alice' });
    expect(duplicate.body).toEqual({ username: ['A user with that username already exists.'] });
    const missing = await client.post('/api/iam/users/', {});
    expect(missing.body).toEqual({ username: ['This field is required.'] });
  });

  it('forbids non-staff users from creating users (403) and the admin from deleting itself', async () => {
    const alice = client.withAuth(`Bearer ${sandbox.issueJwt('alice')}`);
    const res = await alice.post('/api/iam/users/', { username: 'mallory' });
    expect(res.status).toBe(403);
    expect(obj(res.body).detail).toEqual(expect.any(String));
    expect((await client.delete(`/api/iam/users/${sandbox.world.admin.id}/`)).status).toBe(400);
  });

  it('creates groups and memberships with uniqueness checks', async () => {
    const group = await client.post('/api/iam/groups/', { name: 'sre', display_name: 'SRE', description: 'on call' });
    expect(group.status).toBe(201);
    const groupId = String(obj(group.body).id);
    expect(obj(group.body)).toMatchObject({ name: 'sre', num_members: 1, members_names: ['sandbox-admin'] });
    expect((await client.post('/api/iam/groups/', { name: 'sre' })).body).toEqual({ name: ['group with this name already exists.'] });
    const bob = sandbox.world.findUserByUsername('bob')?.id;
    const membership = await client.post('/api/iam/memberships/', { group: groupId, user: bob, role: 'member' });
    expect(membership.status).toBe(201);
    expect(obj(membership.body)).toMatchObject({ group: groupId, group_name: 'sre', role: 'member', user: { id: bob } });
    const again = await client.post('/api/iam/memberships/', { group: groupId, user: bob });
    expect(again.body).toEqual({ non_field_errors: ['The fields group, user must make a unique set.'] });
    const members = list(obj((await client.get(`/api/iam/memberships/?group=${groupId}`)).body).results);
    expect(members).toHaveLength(2);
    expect(obj((await client.get(`/api/iam/groups/${groupId}/`)).body).num_members).toBe(2);
    expect((await client.delete(`/api/iam/groups/${groupId}/`)).status).toBe(204);
    expect(list(obj((await client.get(`/api/iam/memberships/?group=${groupId}`)).body).results)).toHaveLength(0);
  });

  it('lists groups with servers as summaries', async () => {
    const groups = list(obj((await client.get('/api/iam/groups/?name=admins')).body).results);
    expect(groups).toHaveLength(1);
    expect(list(groups[0].servers)[0]).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), is_connected: expect.any(Boolean) }));
  });
});

describe('sandbox notes and events', () => {
  let sandbox: Sandbox;
  let client: TestClient;
  beforeAll(async () => ({ sandbox, client } = await withSandbox({ servers: 10 })));
  afterAll(() => sandbox.stop());

  it('creates and lists notes of a server, newest first', async () => {
    const server = sandbox.world.servers.all()[0].id;
    const created = await client.post('/api/servers/notes/', { server, content: 'patched openssl', private: false, pinned: true });
    expect(created.status).toBe(201);
    expect(obj(created.body)).toMatchObject({ content: 'patched openssl', pinned: true, server: { id: server }, author: { id: sandbox.world.admin.id } });
    const notes = list(obj((await client.get(`/api/servers/notes/?server=${server}&ordering=-added_at`)).body).results);
    expect(notes[0].content).toBe('patched openssl');
    expect((await client.post('/api/servers/notes/', { server })).body).toEqual({ content: ['This field is required.'] });
    const id = String(obj(created.body).id);
    expect(obj((await client.patch(`/api/servers/notes/${id}/`, { pinned: false })).body).pinned).toBe(false);
    expect((await client.delete(`/api/servers/notes/${id}/`)).status).toBe(204);
  });

  it('hides private notes of other users', async () => {
    const server = sandbox.world.servers.all()[1].id;
    const mine = obj((await client.post('/api/servers/notes/', { server, content: 'secret', private: true })).body);
    const alice = client.withAuth(`Bearer ${sandbox.issueJwt('alice')}`);
    expect((await alice.get(`/api/servers/notes/${String(mine.id)}/`)).status).toBe(404);
  });

  it('lists events filtered by server, reporter and search; serves one event', async () => {
    const server = sandbox.world.servers.all()[2].id;
    const events = list(obj((await client.get(`/api/events/events/?server=${server}&ordering=-added_at`)).body).results);
    expect(events).toHaveLength(3);
    expect(events.every((e) => obj(e.server).id === server)).toBe(true);
    const first = events[0];
    for (const field of ['id', 'reporter', 'record', 'description', 'added_at']) expect(first).toHaveProperty(field);
    const byReporter = list(obj((await client.get(`/api/events/events/?reporter=${String(first.reporter)}&page_size=100`)).body).results);
    expect(byReporter.every((e) => e.reporter === first.reporter)).toBe(true);
    const searched = list(obj((await client.get('/api/events/events/?search=disk')).body).results);
    expect(searched.every((e) => JSON.stringify(e).toLowerCase().includes('disk'))).toBe(true);
    expect(obj((await client.get(`/api/events/events/${String(first.id)}/`)).body).id).toBe(first.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BUILTIN_PLUGINS } from '../../plugins/builtin.js';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

describe('servers plugin (extended tools) against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  let serverId: string;
  beforeAll(async () => {
    // Only this plugin: the test does not depend on other plugins' state.
    t = await connectToSandbox({ rc: { http: { retries: 0 } }, builtins: { servers: BUILTIN_PLUGINS.servers, 'server-admin': BUILTIN_PLUGINS['server-admin'] } });
    ws = { workspace: t.sandbox.workspace };
    serverId = t.sandbox.world.servers.all().find((s) => s.is_connected)?.id ?? '';
  });
  afterAll(async () => t.close());

  const expectNothingSent = () => expect(t.sandbox.requests.all()).toHaveLength(0);

  describe('server notes: get / update / delete', () => {
    let noteId: string;
    beforeAll(async () => {
      const created = await t.call('create_server_note', { ...ws, server_id: serverId, content: 'Owner: billing team' });
      noteId = (created.data as { id: string }).id;
    });

    it('get_server_note returns the note; unknown id is not_found naming it', async () => {
      t.sandbox.requests.clear();
      const got = await t.call('get_server_note', { ...ws, note_id: noteId });
      expect(got.data).toMatchObject({ id: noteId, content: 'Owner: billing team' });
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: `/api/servers/notes/${noteId}/` })]);
      const missing = await t.call('get_server_note', { ...ws, note_id: UNKNOWN_ID });
      expect(missing.error?.code).toBe('not_found');
      expect(missing.error?.message).toContain(UNKNOWN_ID);
    });

    it('update_server_note patches only the given fields', async () => {
      t.sandbox.requests.clear();
      const updated = await t.call('update_server_note', { ...ws, note_id: noteId, pinned: true });
      expect(updated.data).toMatchObject({ id: noteId, pinned: true, content: 'Owner: billing team' });
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'PATCH', path: `/api/servers/notes/${noteId}/`, body: { pinned: true }, status: 200 }),
      ]);
      expect((await t.call('update_server_note', { ...ws, note_id: UNKNOWN_ID, content: 'x' })).error?.code).toBe('not_found');
    });

    it('refuses bad note arguments and an empty update without a request', async () => {
      t.sandbox.requests.clear();
      expect((await t.call('update_server_note', { ...ws, note_id: noteId })).error?.code).toBe('invalid_input');
      expect((await t.call('get_server_note', { ...ws, note_id: 'note-1' })).error?.code).toBe('invalid_input');
      expect((await t.call('delete_server_note', { ...ws })).error?.code).toBe('invalid_input');
      expectNothingSent();
    });

    it('delete_server_note deletes; a second delete is not_found', async () => {
      t.sandbox.requests.clear();
      const deleted = await t.call('delete_server_note', { ...ws, note_id: noteId });
      expect(deleted.data).toEqual({ deleted: true, note_id: noteId });
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/servers/notes/${noteId}/`, status: 204 })]);
      expect((await t.call('delete_server_note', { ...ws, note_id: noteId })).error?.code).toBe('not_found');
    });
  });

  describe('update_server / star_server / unregister_server', () => {
    it('update_server patches the name; a taken name is invalid_input from the API; unknown id not_found', async () => {
      const other = t.sandbox.world.servers.all().find((s) => s.id !== serverId);
      t.sandbox.requests.clear();
      const renamed = await t.call('update_server', { ...ws, server_id: serverId, name: 'web-renamed' });
      expect(renamed.data).toMatchObject({ id: serverId, name: 'web-renamed' });
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'PATCH', path: `/api/servers/servers/${serverId}/`, body: { name: 'web-renamed' } }),
      ]);
      const taken = await t.call('update_server', { ...ws, server_id: serverId, name: other?.name });
      expect(taken.error?.code).toBe('invalid_input');
      expect((taken.error?.details?.fields as { field: string }[]).map((f) => f.field)).toEqual(['name']);
      expect((await t.call('update_server', { ...ws, server_id: UNKNOWN_ID, name: 'x' })).error?.code).toBe('not_found');
    });

    it('update_server refuses an empty change, a bad name and bad group ids without a request', async () => {
      t.sandbox.requests.clear();
      expect((await t.call('update_server', { ...ws, server_id: serverId })).error?.code).toBe('invalid_input');
      expect((await t.call('update_server', { ...ws, server_id: serverId, name: 'has space' })).error?.code).toBe('invalid_input');
      expect((await t.call('update_server', { ...ws, server_id: serverId, groups: ['ops'] })).error?.code).toBe('invalid_input');
      expectNothingSent();
    });

    it('star_server sets the state with {status} and does not post when it already holds', async () => {
      const server = t.sandbox.world.servers.get(serverId);
      if (server === undefined) throw new Error('no server');
      server.starred = false;
      t.sandbox.requests.clear();
      const starred = await t.call('star_server', { ...ws, server_id: serverId, starred: true });
      expect(starred.data).toEqual({ server_id: serverId, starred: true, changed: true });
      expect(server.starred).toBe(true);
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'GET', path: `/api/servers/servers/${serverId}/` }),
        expect.objectContaining({ method: 'POST', path: `/api/servers/servers/${serverId}/star/`, body: { status: true } }),
      ]);
      t.sandbox.requests.clear();
      const again = await t.call('star_server', { ...ws, server_id: serverId, starred: true });
      expect(again.data).toEqual({ server_id: serverId, starred: true, changed: false });
      expect(t.sandbox.requests.filter({ method: 'POST' })).toHaveLength(0);
      expect(server.starred).toBe(true);
    });

    it('star_server needs starred (nothing sent) and names an unknown server', async () => {
      t.sandbox.requests.clear();
      expect((await t.call('star_server', { ...ws, server_id: serverId })).error?.code).toBe('invalid_input');
      expectNothingSent();
      expect((await t.call('star_server', { ...ws, server_id: UNKNOWN_ID, starred: true })).error?.code).toBe('not_found');
    });

    it('unregister_server deletes the server; bad ids are refused locally, unknown ones not_found', async () => {
      const victim = t.sandbox.world.servers.all().at(-1)?.id ?? '';
      t.sandbox.requests.clear();
      expect((await t.call('unregister_server', { ...ws, server_id: 'db-01' })).error?.code).toBe('invalid_input');
      expectNothingSent();
      const removed = await t.call('unregister_server', { ...ws, server_id: victim });
      expect(removed.data).toEqual({ unregistered: true, server_id: victim });
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/servers/servers/${victim}/`, status: 204 })]);
      expect((await t.call('unregister_server', { ...ws, server_id: victim })).error?.code).toBe('not_found');
    });
  });

  describe('agent and system actions', () => {
    const ACTIONS = ['reboot_system', 'shutdown_system', 'upgrade_system', 'restart_agent', 'shutdown_agent', 'upgrade_agent', 'update_information'];

    it.each(ACTIONS)('%s posts {action, force: false} to the actions endpoint', async (action) => {
      t.sandbox.requests.clear();
      const result = await t.call(action, { ...ws, server_id: serverId });
      expect(result.error).toBeUndefined();
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'POST', path: `/api/servers/servers/${serverId}/actions/`, body: { action, force: false } }),
      ]);
    });

    it('refuses a non-boolean force and a bad server_id without a request; unknown server is not_found', async () => {
      t.sandbox.requests.clear();
      expect((await t.call('reboot_system', { ...ws, server_id: serverId, force: 'yes' })).error?.code).toBe('invalid_input');
      expect((await t.call('update_information', { ...ws, server_id: 'web' })).error?.code).toBe('invalid_input');
      expectNothingSent();
      const missing = await t.call('shutdown_system', { ...ws, server_id: UNKNOWN_ID });
      expect(missing.error?.code).toBe('not_found');
      expect(missing.error?.message).toContain(UNKNOWN_ID);
    });

    it('a busy server is server_busy with a force hint; force: true goes through', async () => {
      const server = t.sandbox.world.servers.get(serverId);
      if (server === undefined) throw new Error('no server');
      server.busyWithUserWork = true;
      try {
        t.sandbox.requests.clear();
        const busy = await t.call('reboot_system', { ...ws, server_id: serverId });
        expect(busy.error?.code).toBe('server_busy');
        expect(busy.error?.hint).toContain('force: true');
        expect(busy.error?.details).toEqual({ action: 'reboot_system', force: false });
        const forced = await t.call('reboot_system', { ...ws, server_id: serverId, force: true });
        expect(forced.error).toBeUndefined();
        expect(t.sandbox.requests.all().map((r) => r.body)).toEqual([
          { action: 'reboot_system', force: false },
          { action: 'reboot_system', force: true },
        ]);
      } finally {
        server.busyWithUserWork = false;
      }
    });
  });

  describe('registration tokens and install guide', () => {
    it('create_registration_token returns the key once, clearly named; list never shows it', async () => {
      t.sandbox.requests.clear();
      const created = await t.call('create_registration_token', { ...ws, name: 'prod-web-q3', expires_at: '2030-01-01T00:00:00Z' });
      expect(created.error).toBeUndefined();
      const token = created.data as { id: string; name: string; key_shown_once: string; key?: string };
      expect(token.name).toBe('prod-web-q3');
      expect(token.key_shown_once).toMatch(/^reg-/);
      expect(token.key).toBeUndefined();
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({
          method: 'POST', path: '/api/servers/registration-tokens/', status: 201, body: { name: 'prod-web-q3', expires_at: '2030-01-01T00:00:00Z' },
        }),
      ]);
      t.sandbox.requests.clear();
      const listed = await t.call('list_registration_tokens', { ...ws, page_size: 50 });
      const page = listed.data as { count: number; results: Record<string, unknown>[] };
      expect(page.results.map((r) => r.name)).toContain('prod-web-q3');
      expect(JSON.stringify(page)).not.toContain(token.key_shown_once);
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({ method: 'GET', path: '/api/servers/registration-tokens/', query: { page: '1', page_size: '50' } }),
      ]);
    });

    it('refuses bad token arguments without a request; a duplicate name is invalid_input from the API', async () => {
      t.sandbox.requests.clear();
      expect((await t.call('create_registration_token', { ...ws, name: 'x', expires_at: 'tomorrow' })).error?.code).toBe('invalid_input');
      expect((await t.call('create_registration_token', { ...ws, name: 'x', allowed_groups: ['ops'] })).error?.code).toBe('invalid_input');
      expect((await t.call('list_registration_tokens', { ...ws, page_size: 500 })).error?.code).toBe('invalid_input');
      expect((await t.call('delete_registration_token', { ...ws, token_id: 'default' })).error?.code).toBe('invalid_input');
      expectNothingSent();
      const duplicate = await t.call('create_registration_token', { ...ws, name: 'default' });
      expect(duplicate.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(1);
    });

    it('delete_registration_token deletes; unknown is not_found', async () => {
      const created = await t.call('create_registration_token', { ...ws, name: 'short-lived' });
      const id = (created.data as { id: string }).id;
      t.sandbox.requests.clear();
      expect((await t.call('delete_registration_token', { ...ws, token_id: id })).data).toEqual({ deleted: true, token_id: id });
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/servers/registration-tokens/${id}/`, status: 204 })]);
      expect((await t.call('delete_registration_token', { ...ws, token_id: id })).error?.code).toBe('not_found');
    });

    it('get_registration_guide posts platform, token and name with response_type=json', async () => {
      const listed = await t.call('list_registration_tokens', { ...ws });
      const tokenId = (listed.data as { results: { id: string; name: string }[] }).results[0].id;
      t.sandbox.requests.clear();
      const guide = await t.call('get_registration_guide', { ...ws, platform: 'debian', token_id: tokenId, server_name: 'web-09' });
      expect(guide.error).toBeUndefined();
      expect(guide.data).toMatchObject({ method_id: 'token-install', platform: 'debian', server_name: 'web-09' });
      expect((guide.data as { register_command: string }).register_command).toContain('alpamon register');
      expect(t.sandbox.requests.all()).toEqual([
        expect.objectContaining({
          method: 'POST', path: '/api/servers/registration-methods/token-install/guide/', query: { response_type: 'json' },
          body: { platform: 'debian', registration_token: tokenId, server_name: 'web-09' },
        }),
      ]);
    });

    it('get_registration_guide refuses an unknown platform locally; an unknown token is invalid_input from the API', async () => {
      t.sandbox.requests.clear();
      expect((await t.call('get_registration_guide', { ...ws, platform: 'solaris', token_id: UNKNOWN_ID })).error?.code).toBe('invalid_input');
      expectNothingSent();
      const unknown = await t.call('get_registration_guide', { ...ws, platform: 'rhel', token_id: UNKNOWN_ID });
      expect(unknown.error?.code).toBe('invalid_input');
      expect(t.sandbox.requests.all()).toHaveLength(1);
    });
  });
});

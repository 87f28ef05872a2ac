import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

describe('packages plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['packages'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });

  for (const [kind, list, install, remove, name] of [
    ['system', 'list_system_package_entries', 'install_system_package', 'remove_system_package', 'nginx'],
    ['python', 'list_python_packages', 'install_python_package', 'remove_python_package', 'requests'],
  ] as const) {
    it(`${kind}: install by name says what the service needs; list and remove an uploaded entry`, async () => {
      const server = t.sandbox.world.servers.all()[0];
      const path = `/api/packages/${kind}/entries/`;
      t.sandbox.requests.clear();
      // Entries are created from an uploaded file, multipart field "content" (alpacon-cli api/packages/packages.go).
      const installed = await t.call(install, { ...ws, server_id: server.id, package_name: name, version: '1.2.3' });
      expect(installed.error).toMatchObject({ code: 'unsupported', status: 400 });
      expect(installed.error?.hint).toContain('package file');
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path, status: 400 })]);
      const form = new FormData();
      form.append('server', server.id);
      form.append('content', new Blob([Buffer.from('package bytes')]), `${name}.pkg`);
      const uploaded = await fetch(`${t.sandbox.url}${path}`, { method: 'POST', headers: { authorization: `token="${t.sandbox.token}"` }, body: form });
      expect(uploaded.status).toBe(201);
      const entry = (await uploaded.json()) as { id: string; name: string };
      expect(entry.name).toBe(`${name}.pkg`);

      t.sandbox.requests.clear();
      const listed = await t.call(list, { ...ws, server_id: server.id });
      expect((listed.data as { results: { id: string }[] }).results.map((e) => e.id)).toEqual([entry.id]);
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path, query: { server: server.id, page: '1', page_size: '20' } })]);

      t.sandbox.requests.clear();
      expect((await t.call(remove, { ...ws, entry_id: entry.id })).data).toEqual({ deleted: true, entry_id: entry.id });
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `${path}${entry.id}/` })]);
      expect((await t.call(remove, { ...ws, entry_id: entry.id })).error?.code).toBe('not_found');

      await noRequestFor(install, { server_id: server.id, package_name: 'rm -rf /' });
      await noRequestFor(install, { server_id: 'web-01', package_name: name });
      await noRequestFor(list, {});
      await noRequestFor(remove, { entry_id: name });
      expect((await t.call(install, { ...ws, server_id: UNKNOWN_ID, package_name: name })).error?.code).toBe('unsupported');
    });
  }

  it('annotations: reads are read-only, install and remove are destructive', async () => {
    const tools = (await t.client.listTools()).tools;
    for (const tool of tools) {
      const read = tool.name.startsWith('list_');
      expect({ name: tool.name, hints: [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint] }).toEqual({ name: tool.name, hints: [read, !read] });
    }
    expect(tools).toHaveLength(6);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { spawnServer } from '../helpers/spawn-server.js';
import { tempProject } from '../helpers/temp-project.js';

describe('node bin/alpacon-mcp.js over stdio', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ workspace: 'acme', token: 'e2e-acme-token-123' });
  });
  afterAll(async () => sandbox.stop());

  const env = () => ({ ALPACON_MCP_BASE_URL: sandbox.url, ALPACON_MCP_AP1_ACME_TOKEN: sandbox.token });

  it('serves only the plugins named in .alpaconrc and calls the real paths with the token', async () => {
    const cwd = await tempProject({ rc: { plugins: ['servers'] } });
    const server = await spawnServer({ cwd, env: env() });
    try {
      const tools = await server.client.listTools();
      expect(tools.tools.map((t) => t.name).sort()).toEqual(expect.arrayContaining(['get_server', 'list_servers']));
      expect(tools.tools.every((t) => ['list_servers', 'get_server'].includes(t.name) || t.name.includes('server'))).toBe(true);
      expect(tools.tools.find((t) => t.name === 'list_workspaces')).toBeUndefined();

      sandbox.requests.clear();
      const listed = await server.call('list_servers', { workspace: 'acme' });
      expect(listed.ok).toBe(true);
      const [request] = sandbox.requests.all();
      expect(request).toMatchObject({ method: 'GET', path: '/api/servers/servers/', status: 200 });
      expect(request.query).toMatchObject({ page: '1', page_size: '20' });
      expect(request.headers.authorization).toBe('[redacted]');
      expect(request.headers['user-agent']).toMatch(/^alpacon-mcp\//);

      const servers = (listed.data as { results: { id: string }[] }).results;
      const one = await server.call('get_server', { workspace: 'acme', server_id: servers[0].id });
      expect(one.ok).toBe(true);
      expect(sandbox.requests.all().at(-1)?.path).toBe(`/api/servers/servers/${servers[0].id}/`);

      sandbox.requests.clear();
      const bad = await server.call('get_server', { workspace: '../x', server_id: 'not-a-uuid' });
      expect(bad.error?.code).toBe('invalid_input');
      expect(sandbox.requests.all()).toHaveLength(0);

      const missing = await server.call('list_servers', { workspace: 'nobody' });
      expect(missing.error?.code).toBe('token_missing');
      expect(server.stderr()).not.toContain(sandbox.token);
    } finally {
      await server.close();
    }
  });

  it('without any token, serves and answers tools with not_configured', async () => {
    const cwd = await tempProject({ rc: { plugins: ['servers'] } });
    const server = await spawnServer({ cwd, env: { ALPACON_MCP_BASE_URL: sandbox.url } });
    try {
      const result = await server.call('list_servers', { workspace: 'acme' });
      expect(result.error?.code).toBe('not_configured');
      expect(result.error?.hint).toContain('alpacon-mcp setup');
    } finally {
      await server.close();
    }
  });

  it('loads a third-party plugin package by name and skips broken ones with a warning', async () => {
    const cwd = await tempProject({
      rc: { plugins: ['servers', 'alpacon-plugin-hello', 'alpacon-plugin-broken', 'alpacon-plugin-future', 'alpacon-plugin-absent'] },
      fixtures: ['alpacon-plugin-hello', 'alpacon-plugin-broken', 'alpacon-plugin-future'],
    });
    const server = await spawnServer({ cwd, env: env() });
    try {
      const names = (await server.client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('hello_greet_server');
      const listed = await server.call('list_servers', { workspace: 'acme' });
      const target = (listed.data as { results: { id: string; name: string }[] }).results[0];
      const greeted = await server.call('hello_greet_server', { workspace: 'acme', server_id: target.id, greeting: 'Hi' });
      expect(greeted.data).toEqual({ message: `Hi, ${target.name}!` });
      const stderr = server.stderr();
      expect(stderr).toContain('alpacon-plugin-broken');
      expect(stderr).toContain('alpacon-plugin-future');
      expect(stderr).toContain('^9.0.0');
      expect(stderr).toContain('alpacon-plugin-absent');
    } finally {
      await server.close();
    }
  });

  it('strictPlugins makes a broken plugin fatal at startup', async () => {
    const cwd = await tempProject({ rc: { plugins: ['servers', 'alpacon-plugin-broken'], strictPlugins: true }, fixtures: ['alpacon-plugin-broken'] });
    await expect(spawnServer({ cwd, env: env() })).rejects.toThrow();
  });
});

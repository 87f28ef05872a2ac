import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { BIN, spawnServer } from '../helpers/spawn-server.js';
import { tempProject } from '../helpers/temp-project.js';

const run = promisify(execFile);

interface Status {
  name: string;
  state: 'loaded' | 'skipped';
  tools: string[];
  reason?: string;
  hint?: string;
}

/** `alpacon-mcp plugins --json` in `cwd`: the statuses and the exit code. */
async function pluginsCommand(cwd: string, env: Record<string, string>): Promise<{ code: number; plugins: Status[]; stderr: string }> {
  const options = { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ALPACON_MCP_LANG: 'en', ...env } };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'plugins', '--json'], options);
    return { code: 0, plugins: (JSON.parse(stdout) as { plugins: Status[] }).plugins, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, plugins: failed.stdout ? (JSON.parse(failed.stdout) as { plugins: Status[] }).plugins : [], stderr: failed.stderr };
  }
}

/** Each way a third-party plugin used to fail silently or kill the server (issue 16), now a named reason. */
describe('third-party plugin failures', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ workspace: 'acme', token: 'e2e-acme-token-123' });
  });
  afterAll(async () => sandbox.stop());
  const env = () => ({ ALPACON_MCP_BASE_URL: sandbox.url, ALPACON_MCP_AP1_ACME_TOKEN: sandbox.token });

  const broken = ['alpacon-plugin-misnamed', 'alpacon-plugin-empty', 'alpacon-plugin-undescribed', 'alpacon-plugin-clash'];

  it('skips each broken plugin with its reason, in the instructions, on stderr and in `alpacon-mcp plugins`; the rest serves', async () => {
    const cwd = await tempProject({
      rc: { plugins: ['servers', 'alpacon-plugin-settings', ...broken, 'alpacon-plugin-absent'], 'alpacon-plugin-settings': { greeting: 'Hi' } },
      fixtures: ['alpacon-plugin-settings', ...broken],
    });
    const server = await spawnServer({ cwd, env: env() });
    try {
      const names = (await server.client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['list_servers', 'settings_greeting']));
      expect(names).not.toEqual(expect.arrayContaining(['misnamed_ping']));
      const greeted = await server.call('settings_greeting', { workspace: 'acme' });
      expect(greeted.data).toEqual({ greeting: 'Hi' });
      // The clashing plugin did not take list_servers away from the built-in.
      expect((await server.call('list_servers', { workspace: 'acme' })).ok).toBe(true);

      const instructions = server.client.getInstructions() ?? '';
      for (const name of [...broken, 'alpacon-plugin-absent']) {
        expect(instructions).toContain(`- ${name}: `);
        expect(server.stderr()).toContain(name);
      }
    } finally {
      await server.close();
    }

    const { code, plugins } = await pluginsCommand(cwd, env());
    expect(code).toBe(1);
    const reason = (name: string) => plugins.find((p) => p.name === name);
    expect(reason('servers')).toMatchObject({ state: 'loaded' });
    expect(reason('alpacon-plugin-settings')).toMatchObject({ state: 'loaded', tools: ['settings_greeting'] });
    expect(reason('alpacon-plugin-misnamed')?.reason).toContain('its manifest is named "acme-disks"');
    expect(reason('alpacon-plugin-misnamed')?.hint).toContain("name: 'alpacon-plugin-misnamed'");
    expect(reason('alpacon-plugin-empty')?.reason).toContain('has no @Tool');
    expect(reason('alpacon-plugin-empty')?.hint).toContain('experimentalDecorators');
    expect(reason('alpacon-plugin-undescribed')?.reason).toContain('DiskReportInput.limit has no description');
    expect(reason('alpacon-plugin-clash')?.reason).toContain('"list_servers" is already registered by plugin "servers"');
    expect(reason('alpacon-plugin-absent')?.reason).toContain('package not found');
    expect(reason('alpacon-plugin-absent')?.hint).toContain('npm install');
  });

  it('a plugin with no copy of alpacon-mcp beside it imports the running host', async () => {
    const cwd = await tempProject({ rc: { plugins: ['servers', 'alpacon-plugin-hello'] }, fixtures: ['alpacon-plugin-hello'], linkHost: false });
    const server = await spawnServer({ cwd, env: env() });
    try {
      const [target] = ((await server.call('list_servers', { workspace: 'acme' })).data as { results: { id: string; name: string }[] }).results;
      const greeted = await server.call('hello_greet_server', { workspace: 'acme', server_id: target.id, greeting: 'Hi' });
      expect(greeted.data).toEqual({ message: `Hi, ${target.name}!` });
    } finally {
      await server.close();
    }
  });

  it('strictPlugins turns a skipped plugin into a stop with the same reason', async () => {
    const cwd = await tempProject({ rc: { plugins: ['servers', 'alpacon-plugin-undescribed'], strictPlugins: true }, fixtures: ['alpacon-plugin-undescribed'] });
    const { code, stderr } = await pluginsCommand(cwd, env());
    expect(code).toBe(1);
    expect(stderr).toContain('DiskReportInput.limit has no description');
  });

  it.each([
    [{ plugins: ['servers'], websh: { bogus: 5 } }, '"websh.bogus" is not a known setting (known: idleTimeoutSeconds, defaultTimeoutSeconds, maxConnectionsPerServer, warmSpares)'],
    [{ plugins: ['servers'], servers: { x: 1 } }, 'the servers plugin has no settings'],
    [{ plugins: ['servers'], nobody: {} }, 'unknown key "nobody"'],
    [{ plugins: ['alpacon-plugin-settings'], 'alpacon-plugin-settings': { greting: 'Hi' } }, '"alpacon-plugin-settings.greting" is not a known setting'],
  ])('a section no plugin accepts stops the server: %j', async (rc, message) => {
    const cwd = await tempProject({ rc, fixtures: ['alpacon-plugin-settings'] });
    const { code, stderr } = await pluginsCommand(cwd, env());
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    await expect(spawnServer({ cwd, env: env() })).rejects.toThrow();
  });
});

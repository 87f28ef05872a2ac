import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import * as classValidator from 'class-validator';
import * as ours from '../../core/dto/class-validator.js';
import { checkManifest } from '../../core/plugins/check-manifest.js';
import type { BuiltinPlugins } from '../../core/plugins/load-plugins.js';
import type { PluginManifest } from '../../core/plugins/manifest.js';
import { PreparedPlugins, preparePlugins, stampFolders, type PreparedPluginsFile } from '../../core/plugins/prepared-plugins.js';
import { BUILTIN_PLUGINS, DEFAULT_PLUGINS } from '../../plugins/builtin.js';
import { connect, connectToSandbox, type ConnectOptions } from '../helpers/in-process.js';
import { PROJECT_ROOT, spawnServer } from '../helpers/spawn-server.js';

let manifests: PluginManifest[] | undefined;
async function allManifests(): Promise<PluginManifest[]> {
  if (manifests) return manifests;
  const loaded = [];
  // One at a time: jest's ESM loader does not take parallel imports of the same dependencies.
  for (const [name, load] of Object.entries(BUILTIN_PLUGINS)) loaded.push(checkManifest(name, await load()));
  return (manifests = loaded);
}

const prepared = async () => PreparedPlugins.of(preparePlugins(await allManifests()));

/** Built-in plugins whose imports are counted (the modules are the real ones; the default set stays the real one). */
function counted(): { builtins: BuiltinPlugins; defaultPlugins: readonly string[]; imports: Record<string, number> } {
  const imports: Record<string, number> = {};
  const builtins = Object.fromEntries(
    Object.entries(BUILTIN_PLUGINS).map(([name, load]) => [name, () => ((imports[name] = (imports[name] ?? 0) + 1), load())]),
  );
  return { builtins, defaultPlugins: DEFAULT_PLUGINS, imports };
}

/** Everything a client sees before its first call: the handshake, tools, resource templates and prompts, plugin statuses. */
async function served(options: ConnectOptions) {
  const c = await connect({ env: {}, ...options });
  try {
    const capabilities = c.client.getServerCapabilities();
    return {
      instructions: c.client.getInstructions(),
      capabilities,
      tools: (await c.client.listTools()).tools,
      templates: capabilities?.resources ? (await c.client.listResourceTemplates()).resourceTemplates : [],
      prompts: capabilities?.prompts ? (await c.client.listPrompts()).prompts : [],
      plugins: c.app.plugins,
    };
  } finally {
    await c.close();
  }
}

describe('the built-in plugins prepared at build time', () => {
  const oneWorkspace = { ALPACON_MCP_AP1_ACME_TOKEN: 'token-of-the-only-workspace' };
  const configurations: [string, ConnectOptions][] = [
    ['all plugins, output schemas, one workspace', { rc: { plugins: ['all'], outputSchemas: true }, env: oneWorkspace }],
    ['the default set, no workspace', { rc: {} }],
    ['read-only, no destructive tools', { rc: { plugins: ['all'], readOnly: true, disableDestructive: true } }],
    ['a toolset, tools picked and excluded', { rc: { plugins: ['servers'], tools: { include: ['webftp_*', 'list_alerts'], exclude: ['get_server'] } }, env: oneWorkspace }],
    ['selection flags', { rc: {}, selection: { toolsets: 'servers,command', excludeTools: 'execute_command_*', disableDestructive: true } }],
  ];

  it.each(configurations)('serve exactly what their decorators describe: %s', async (_name, options) => {
    const lazy = counted();
    const fromPrepared = await served({ ...options, builtins: lazy.builtins, defaultPlugins: lazy.defaultPlugins, preparedSchemas: await prepared() });
    expect(lazy.imports).toEqual({});
    expect(fromPrepared.tools.length).toBeGreaterThan(0);
    expect(fromPrepared).toEqual(await served(options));
  });

  it('a plugin with a config section is imported at start, so its settings are checked before serving', async () => {
    const lazy = counted();
    await expect(served({ rc: { webftp: { localRoots: ['relative/path'] } }, builtins: lazy.builtins, defaultPlugins: lazy.defaultPlugins, preparedSchemas: await prepared() })).rejects.toThrow(
      /not an absolute path/,
    );
    expect(lazy.imports).toEqual({ webftp: 1 });
  });

  it('a first call imports exactly its plugin, once however many calls race, and runs', async () => {
    const lazy = counted();
    const t = await connectToSandbox({ builtins: lazy.builtins, defaultPlugins: lazy.defaultPlugins, preparedSchemas: await prepared(), rc: { plugins: ['servers', 'events', 'runbooks'] } });
    try {
      const serverId = t.sandbox.world.servers.all()[0].id;
      const [one, two] = await Promise.all([t.call('get_server', { server_id: serverId }), t.call('list_servers', {})]);
      expect([one.ok, two.ok]).toEqual([true, true]);
      expect((one.data as { id: string }).id).toBe(serverId);
      expect(lazy.imports).toEqual({ servers: 1 });
      expect((await t.call('get_server', { server_id: 'not-a-uuid' })).error?.code).toBe('invalid_input');
      const prompts = (await t.client.listPrompts()).prompts;
      const prompt = await t.client.getPrompt({ name: prompts[0].name, arguments: { server_id: serverId } });
      expect(prompt.messages[0].content.type).toBe('text');
      expect(lazy.imports).toEqual({ servers: 1, runbooks: 1 });
    } finally {
      await t.close();
    }
  });

  it('an import that fails answers that call with plugin_invalid, and the next call tries again', async () => {
    let attempts = 0;
    const builtins = { ...BUILTIN_PLUGINS, events: () => (++attempts === 1 ? Promise.reject(new Error('disk gone')) : BUILTIN_PLUGINS.events()) };
    const t = await connectToSandbox({ builtins, preparedSchemas: await prepared(), rc: { plugins: ['events'] } });
    try {
      const failed = await t.call('list_events', {});
      expect(failed.error).toMatchObject({ code: 'plugin_invalid', message: expect.stringMatching(/"events".*disk gone/) });
      expect((await t.call('list_events', {})).ok).toBe(true);
      expect(attempts).toBe(2);
    } finally {
      await t.close();
    }
  });

  it('are used only while the built files they came from are unchanged', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'alpacon-prepared-'));
    await mkdir(path.join(dir, 'core'));
    await mkdir(path.join(dir, 'servers'));
    await writeFile(path.join(dir, 'core', 'dto.js'), 'export {};\n');
    await writeFile(path.join(dir, 'servers', 'tools.js'), 'export {};\n');
    const file = preparePlugins(await allManifests());
    file.files = stampFolders(dir, ['core']);
    for (const [name, plugin] of Object.entries(file.plugins)) plugin.files = name === 'servers' ? stampFolders(dir, ['servers']) : {};
    const target = path.join(dir, 'prepared-schemas.json');
    const imports = async (write: (f: PreparedPluginsFile) => PreparedPluginsFile = (f) => f) => {
      await writeFile(target, JSON.stringify(write(file)));
      const lazy = counted();
      await (await connect({ rc: { plugins: ['servers', 'events'] }, env: {}, builtins: lazy.builtins, defaultPlugins: lazy.defaultPlugins, preparedSchemas: target })).close();
      return lazy.imports;
    };
    expect(await imports()).toEqual({});
    expect(await imports((f) => ({ ...f, core: '0.0.0-other' }))).toEqual({ servers: 1, events: 1 });
    expect(await imports((f) => ({ ...f, files: undefined }))).toEqual({ servers: 1, events: 1 });
    await appendFile(path.join(dir, 'servers', 'tools.js'), '// changed\n');
    expect(await imports()).toEqual({ servers: 1 });
    await appendFile(path.join(dir, 'core', 'dto.js'), '// changed\n');
    expect(await imports()).toEqual({ servers: 1, events: 1 });
  });
});

describe('class-validator one decorator module at a time', () => {
  it('exports class-validator\'s own functions', () => {
    const exported = Object.entries(ours).filter(([, value]) => typeof value === 'function');
    expect(exported.length).toBeGreaterThan(80);
    for (const [name, value] of exported) {
      if (name === 'validate' || name === 'validateSync') continue; // ours: the same Validator, without class-validator's index
      expect({ name, same: value === (classValidator as Record<string, unknown>)[name] }).toEqual({ name, same: true });
    }
  });
});

describe('start-up loads only what is used', () => {
  const pluginCode = /[\\/]dist[\\/]plugins[\\/]([\w-]+)[\\/]/;
  const validation = /[\\/]node_modules[\\/](class-validator|class-transformer|libphonenumber-js|validator)[\\/]/;
  const unwanted = /[\\/]node_modules[\\/](class-validator-jsonschema|lodash\.merge|js-yaml)[\\/]|semver[\\/]index\.js/;

  it('the build step writes what the decorators describe', async () => {
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'plugins', 'prepare-schemas.js')], { stdio: 'ignore' });
    const written = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'dist', 'plugins', 'prepared-schemas.json'), 'utf8')) as PreparedPluginsFile;
    const withoutStamps = { ...written, files: undefined, plugins: Object.fromEntries(Object.entries(written.plugins).map(([n, p]) => [n, { ...p, files: undefined }])) };
    expect(JSON.parse(JSON.stringify(withoutStamps))).toEqual(JSON.parse(JSON.stringify(preparePlugins(await allManifests()))));
  });

  it('serves tools/list with no plugin code and no validation machinery; a first call loads exactly its plugin', async () => {
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'plugins', 'prepare-schemas.js')], { stdio: 'ignore' });
    const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-lean-start-'));
    await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify({ plugins: ['all'], logLevel: 'error' }));
    const out = path.join(cwd, 'loaded.txt');
    const server = await spawnServer({
      cwd,
      env: {
        NODE_OPTIONS: `--import ${new URL('../fixtures/record-loaded-modules.mjs', import.meta.url).href}`,
        LOADED_MODULES_OUT: out,
        HOME: cwd,
        ALPACON_MCP_AP1_ACME_TOKEN: 'token-of-the-only-workspace',
      },
    });
    try {
      const loaded = () => readFileSync(out, 'utf8').split('\n').filter(Boolean);
      const { tools } = await server.client.listTools();
      expect(tools.length).toBeGreaterThan(100);
      const atList = loaded();
      expect(atList.some((file) => file.endsWith(`${path.sep}create-server.js`))).toBe(true);
      expect(atList.filter((file) => pluginCode.test(file) || validation.test(file) || unwanted.test(file))).toEqual([]);

      const result = await server.client.callTool({ name: 'list_workspaces', arguments: {} });
      expect((result.structuredContent as { ok: boolean }).ok).toBe(true);
      const afterCall = loaded();
      const plugins = new Set(afterCall.flatMap((file) => pluginCode.exec(file)?.[1] ?? []));
      expect([...plugins]).toEqual(['workspace']);
      expect(afterCall.some((file) => validation.test(file))).toBe(true);
      expect(afterCall.filter((file) => unwanted.test(file))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

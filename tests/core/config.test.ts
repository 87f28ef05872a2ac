import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../core/config/load-config.js';
import { ConfigError } from '../../core/errors/index.js';

const builtinPlugins = ['servers', 'workspace', 'command'];
const base = { builtinPlugins, defaultPlugins: builtinPlugins, env: {} };

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'alpacon-config-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

describe('config loading', () => {
  it('uses defaults when there is no config', async () => {
    const cwd = await project({});
    const config = await loadConfig({ ...base, cwd });
    expect(config).toMatchObject({ plugins: builtinPlugins, defaultRegion: 'ap1', readOnly: false, tools: { include: [], exclude: [] } });
    expect(config.source).toBeUndefined();
  });

  it.each([
    ['.alpaconrc', '{"plugins":["servers"],"defaultWorkspace":"acme"}'],
    ['.alpaconrc.json', '{"plugins":["servers"],"defaultWorkspace":"acme"}'],
    ['.alpaconrc.yaml', 'plugins:\n  - servers\ndefaultWorkspace: acme\n'],
    ['.alpaconrc.cjs', 'module.exports = { plugins: ["servers"], defaultWorkspace: "acme" };'],
    ['alpacon.config.mjs', 'export default { plugins: ["servers"], defaultWorkspace: "acme" };'],
    ['package.json', '{"name":"x","alpacon":{"plugins":["servers"],"defaultWorkspace":"acme"}}'],
  ])('reads %s', async (name, content) => {
    const cwd = await project({ [name]: content });
    const config = await loadConfig({ ...base, cwd });
    expect(config.plugins).toEqual(['servers']);
    expect(config.defaultWorkspace).toBe('acme');
    expect(config.source).toBe(path.join(cwd, name));
  });

  it('searches upwards from a subfolder of the project', async () => {
    const cwd = await project({ 'package.json': '{"name":"x"}', '.alpaconrc': '{"plugins":["command"]}', 'a/b/.keep': '' });
    const config = await loadConfig({ ...base, cwd: path.join(cwd, 'a', 'b') });
    expect(config.plugins).toEqual(['command']);
    expect(config.baseDir).toBe(cwd);
  });

  it('loads an explicit --config path', async () => {
    const cwd = await project({ 'conf/custom.json': '{"defaultRegion":"us1"}' });
    const config = await loadConfig({ ...base, cwd, configPath: 'conf/custom.json' });
    expect(config.defaultRegion).toBe('us1');
  });

  it('"all" enables every built-in plugin', async () => {
    const cwd = await project({ '.alpaconrc': '{"plugins":["all"]}' });
    expect((await loadConfig({ ...base, defaultPlugins: ['servers'], cwd })).plugins).toEqual(builtinPlugins);
  });

  it('reports every problem at once: unknown key, unknown plugin with the known ones, wrong types', async () => {
    const cwd = await project({
      '.alpaconrc': JSON.stringify({ plugin: [], plugins: ['servrs'], defaultRegion: 'mars', readOnly: 'yes', tools: { include: 'x' } }),
    });
    const error = (await loadConfig({ ...base, cwd }).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain('unknown key "plugin"');
    expect(error.message).toContain('unknown plugin "servrs"');
    expect(error.message).toContain('servers, workspace, command');
    expect(error.message).toContain('"defaultRegion"');
    expect(error.message).toContain('"readOnly"');
    expect(error.message).toContain('"tools.include"');
    expect(error.message).toContain(path.join(cwd, '.alpaconrc'));
  });

  it('reports a syntax error with the file name', async () => {
    const cwd = await project({ '.alpaconrc.json': '{ nope' });
    await expect(loadConfig({ ...base, cwd })).rejects.toThrow(ConfigError);
  });

  it('applies environment overrides', async () => {
    const cwd = await project({});
    const config = await loadConfig({
      ...base,
      cwd,
      env: { ALPACON_MCP_BASE_URL: 'http://127.0.0.1:9', ALPACON_MCP_READ_ONLY: '1', ALPACON_MCP_TOKEN_FILE: '/tmp/t.json' },
    });
    expect(config).toMatchObject({ baseUrl: 'http://127.0.0.1:9', readOnly: true, tokenFile: '/tmp/t.json' });
    await expect(loadConfig({ ...base, cwd, env: { ALPACON_MCP_BASE_URL: 'ftp://x' } })).rejects.toThrow(ConfigError);
  });

  it('ALPACON_MCP_WORKSPACE / ALPACON_MCP_REGION become the defaults, checked like the config keys', async () => {
    const cwd = await project({ '.alpaconrc': JSON.stringify({ defaultWorkspace: 'from-file' }) });
    expect(await loadConfig({ ...base, cwd, env: { ALPACON_MCP_WORKSPACE: 'desk', ALPACON_MCP_REGION: 'eu1' } })).toMatchObject({ defaultWorkspace: 'desk', defaultRegion: 'eu1' });
    expect(await loadConfig({ ...base, cwd, env: {} })).toMatchObject({ defaultWorkspace: 'from-file', defaultRegion: 'ap1' });
    await expect(loadConfig({ ...base, cwd, env: { ALPACON_MCP_REGION: 'mars' } })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ ...base, cwd, env: { ALPACON_MCP_WORKSPACE: '../x' } })).rejects.toThrow(ConfigError);
  });
});

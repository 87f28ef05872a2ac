import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { BIN, spawnServer } from '../helpers/spawn-server.js';

const recorders = [
  new URL('../fixtures/record-loaded-modules.mjs', import.meta.url).href,
  new URL('../fixtures/record-node-internals.mjs', import.meta.url).href,
];

/** What only the command line needs: commander, the message catalogues, the program, the wizard and the other commands. */
const commandLineOnly = /[\\/]node_modules[\\/](commander|@inquirer)[\\/]|[\\/]dist[\\/]cli[\\/](i18n[\\/](en|ko)|program|wizard|prompter|commands[\\/]|demo[\\/]|create-plugin[\\/])/;

const tsyringe = /[\\/]node_modules[\\/]tsyringe[\\/]/;

async function recordedRun(cwd: string) {
  const out = { modules: path.join(cwd, 'loaded.txt'), internals: path.join(cwd, 'internals.json') };
  const env = { NODE_OPTIONS: recorders.map((r) => `--import ${r}`).join(' '), LOADED_MODULES_OUT: out.modules, NODE_INTERNALS_OUT: out.internals };
  const read = async () => {
    for (let waited = 0; !existsSync(out.internals) && waited < 100; waited += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    return { modules: await modulesSoFar(), internals: JSON.parse(readFileSync(out.internals, 'utf8')) as string[] };
  };
  const modulesSoFar = async () => readFileSync(out.modules, 'utf8').split('\n').filter(Boolean);
  return { env, read, modulesSoFar };
}

describe('the stdio server start MCP clients launch', () => {
  const startRecorded = async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-fast-start-'));
    await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify({ logLevel: 'error' }));
    const recorded = await recordedRun(cwd);
    const server = await spawnServer({
      cwd,
      args: ['serve', '--read-only', '--toolsets', 'servers,iam', '--lang', 'en'],
      env: { ...recorded.env, ALPACON_MCP_AP1_ACME_TOKEN: 'token-of-the-only-workspace' },
    });
    const tools = await server.listTools();
    expect(tools).toContain('list_servers');
    expect(tools).not.toContain('reboot_system');
    return { server, recorded };
  };

  it('answers tools/list without commander, the CLI catalogues, another command or the DI container, and imports no CommonJS', async () => {
    const { server, recorded } = await startRecorded();
    await server.close();
    const { modules, internals } = await recorded.read();
    expect(modules.some((file) => file.endsWith(`${path.sep}start-server.js`))).toBe(true);
    expect(modules.filter((file) => commandLineOnly.test(file) || tsyringe.test(file))).toEqual([]);
    // Importing a CommonJS package (rather than requiring it) starts Node's export scanner: ~6 MiB and ~100 ms a start.
    expect(internals.filter((name) => name.includes('cjs-module-lexer'))).toEqual([]);
  });

  it('makes the DI container (tsyringe) for the first plugin call', async () => {
    const { server, recorded } = await startRecorded();
    try {
      expect((await recorded.modulesSoFar()).filter((file) => tsyringe.test(file))).toEqual([]);
      expect((await server.call('list_workspaces')).ok).toBe(true);
      expect((await recorded.modulesSoFar()).some((file) => tsyringe.test(file))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('still goes through the commander program for anything else (--version), where the recorders see it', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-fast-start-'));
    const recorded = await recordedRun(cwd);
    const version = execFileSync(process.execPath, [BIN, '--version'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...recorded.env } });
    expect(version.toString().trim()).toMatch(/^\d+\.\d+\.\d+/);
    const { modules, internals } = await recorded.read();
    expect(modules.filter((file) => commandLineOnly.test(file)).length).toBeGreaterThan(0);
    expect(internals.filter((name) => name.includes('cjs-module-lexer')).length).toBeGreaterThan(0);
  });
});

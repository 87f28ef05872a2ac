import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { BIN, spawnServer } from '../helpers/spawn-server.js';

const recorder = new URL('../fixtures/record-loaded-modules.mjs', import.meta.url).href;

/** What only the command line needs: commander, the message catalogues, the program, the wizard and the other commands. */
const commandLineOnly = /[\\/]node_modules[\\/](commander|@inquirer)[\\/]|[\\/]dist[\\/]cli[\\/](i18n[\\/](en|ko)|program|wizard|prompter|commands[\\/]|demo[\\/]|create-plugin[\\/])/;

function recordedRun(cwd: string) {
  const out = path.join(cwd, 'loaded.txt');
  const env = { NODE_OPTIONS: `--import ${recorder}`, LOADED_MODULES_OUT: out };
  return { env, modules: () => readFileSync(out, 'utf8').split('\n').filter(Boolean) };
}

describe('the stdio server start MCP clients launch', () => {
  it('answers tools/list without loading commander, the CLI catalogues or another command', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-fast-start-'));
    await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify({ logLevel: 'error' }));
    const recorded = recordedRun(cwd);
    const server = await spawnServer({
      cwd,
      args: ['serve', '--read-only', '--toolsets', 'servers,iam', '--lang', 'en'],
      env: { ...recorded.env, ALPACON_MCP_AP1_ACME_TOKEN: 'token-of-the-only-workspace' },
    });
    const tools = await server.listTools();
    expect(tools).toContain('list_servers');
    expect(tools).not.toContain('reboot_system');
    const modules = recorded.modules();
    await server.close();
    expect(modules.some((file) => file.endsWith(`${path.sep}start-server.js`))).toBe(true);
    expect(modules.filter((file) => commandLineOnly.test(file))).toEqual([]);
  });

  it('still goes through the commander program for anything else (--version), where the recorder sees it', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-fast-start-'));
    const recorded = recordedRun(cwd);
    const version = execFileSync(process.execPath, [BIN, '--version'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...recorded.env } });
    expect(version.toString().trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(recorded.modules().filter((file) => commandLineOnly.test(file)).length).toBeGreaterThan(0);
  });
});

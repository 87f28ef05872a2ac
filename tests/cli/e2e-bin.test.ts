import { describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { BIN, PROJECT_ROOT, spawnServer } from '../helpers/spawn-server.js';
import { freshDirsEachTest } from './helpers.js';

// Needs `npm run build` first: these run the real `node bin/alpacon-mcp.js`.
const run = promisify(execFile);
const dirs = freshDirsEachTest();

const cli = async (args: string[], env: Record<string, string> = {}) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: dirs.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: dirs.home, ...env },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
};

describe('node bin/alpacon-mcp.js', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(pkg.version);
  });

  it('--help is Korean by default and English with --lang en or ALPACON_MCP_LANG=en', async () => {
    const ko = await cli(['--help']);
    expect(ko.code).toBe(0);
    for (const command of ['setup', 'test', 'list', 'add', 'remove', 'sandbox']) expect(ko.stdout).toMatch(new RegExp(`\\n  ${command}\\b`));
    expect(ko.stdout).toContain('설정된 모든 워크스페이스의 연결을 확인');
    expect(ko.stdout).toContain('--sandbox');
    const en = await cli(['--help', '--lang', 'en']);
    // Commander wraps descriptions at the terminal width: compare the words, not the line breaks.
    expect(en.stdout.replace(/\s+/g, ' ')).toContain('check the connection to every configured workspace');
    const byEnv = await cli(['--help'], { ALPACON_MCP_LANG: 'en' });
    expect(byEnv.stdout).toBe(en.stdout);
  });

  it('list shows masked tokens and the file in use', async () => {
    const file = path.join(dirs.home, '.alpacon-mcp', 'token.json');
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, JSON.stringify({ ap1: { acme: 'acme-secret-token-99' } }), { mode: 0o600 });
    const { code, stdout } = await cli(['list', '--lang', 'en']);
    expect(code).toBe(0);
    expect(stdout).toContain(`  acme  ac…99 (20 chars)  ← file ${file}`);
    expect(stdout).toContain(`${file}  (in use)`);
    expect(stdout).not.toContain('acme-secret-token-99');
  });

  it('sandbox passes its own options through to the sandbox command line', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--workspace', 'demo', '--region', 'us1'], {
      cwd: dirs.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: dirs.home },
    });
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('ALPACON_MCP_US1_DEMO_TOKEN=')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      });
      expect(out).toMatch(/ALPACON_MCP_BASE_URL=http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('an unknown option is refused with a non-zero exit', async () => {
    const { code, stderr } = await cli(['list', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain('--bogus');
  });

  it('launched by an MCP client (stdin not a terminal) with no token: never prompts, serves, answers not_configured', async () => {
    await writeFile(path.join(dirs.cwd, '.alpaconrc'), JSON.stringify({ plugins: ['workspace'] }));
    const server = await spawnServer({ cwd: dirs.cwd, env: { HOME: dirs.home } });
    try {
      const { tools } = await server.client.listTools();
      expect(tools.map((t) => t.name)).toContain('get_current_user');
      const outcome = await server.call('get_current_user', { workspace: 'acme' });
      expect(JSON.stringify(outcome)).toContain('not_configured');
      expect(server.stderr()).not.toContain('API 토큰');
      expect(server.stderr()).not.toContain('리전');
    } finally {
      await server.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../../cli/program.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { makeIo, freshDirsEachTest } from './helpers.js';

/** A token.json the Python server wrote or read (utils/token_manager.py), seen by list, test and remove. */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({});
});
afterAll(() => sandbox.stop());
const dirs = freshDirsEachTest();

const run = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const test = makeIo({ cwd: dirs.cwd, home: dirs.home, env });
  const code = await runCli(['--lang', 'en', ...argv], test.io);
  return { code, out: test.stdout(), err: test.stderr() };
};
const write = async (file: string, content: unknown) => {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(content), { mode: 0o600 });
};

describe('the Python token file forms on the command line', () => {
  it('test reaches a workspace at its pinned url; list shows both entry forms; remove drops an object entry', async () => {
    const file = path.join(dirs.home, '.alpacon-mcp', 'token.json');
    await write(file, { ap1: { sandbox: { token: sandbox.token, url: sandbox.url } }, us1: { plain: 'plain-token-123456' } });
    // us1/plain has no pinned url: its derived host is replaced by a closed loopback port, so nothing leaves the machine.
    const tested = await run(['test'], { ALPACON_MCP_US1_PLAIN_URL: 'http://127.0.0.1:9' });
    expect(tested.out).toContain('ap1/sandbox: sandbox-admin');
    const listed = await run(['list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/sandbox/);
    expect(listed.out).toMatch(/plain/);
    expect(listed.out).not.toContain(sandbox.token);
    expect((await run(['remove', '--region', 'ap1', '--workspace', 'sandbox'])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ us1: { plain: 'plain-token-123456' } });
  });

  it('--config-file and ALPACON_MCP_CONFIG_FILE name the token file', async () => {
    const file = path.join(dirs.cwd, 'py-tokens.json');
    await write(file, { eu1: { sandbox: { token: sandbox.token, url: sandbox.url } } });
    expect((await run(['--config-file', file, 'test'])).out).toContain('eu1/sandbox: sandbox-admin');
    expect((await run(['test'], { ALPACON_MCP_CONFIG_FILE: file })).out).toContain('eu1/sandbox: sandbox-admin');
  });
});

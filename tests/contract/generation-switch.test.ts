import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/program.js';
import { runSandboxCli } from '../../sandbox/cli.js';
import { InvalidGenerationError, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { makeIo } from '../cli/helpers.js';
import { spawnServer } from '../helpers/spawn-server.js';
import { describeGenerations } from './generations.js';

describe('sandbox generations switch', () => {
  it('plays today\'s service by default and the 2024 server when asked', async () => {
    const [current, old] = await Promise.all([startSandbox(), startSandbox({ generation: '2024' })]);
    try {
      expect(current.generation).toBe('current');
      expect(old.generation).toBe('2024');
    } finally {
      await Promise.all([current.stop(), old.stop()]);
    }
  });

  it('refuses an unknown generation with the accepted values', async () => {
    await expect(startSandbox({ generation: '2023' as never })).rejects.toThrow(InvalidGenerationError);
    await expect(startSandbox({ generation: 'latest' as never })).rejects.toThrow('expected one of "current", "2024"');
  });

  it('alpacon-mcp sandbox --generation 2024 starts the 2024 server and says so; a bad value is refused', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const abort = new AbortController();
    let ready: Sandbox | undefined;
    const running = runSandboxCli(['--generation', '2024'], { stdout: out, stderr: new PassThrough(), signal: abort.signal, onReady: (s) => (ready = s) });
    while (ready === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ready.generation).toBe('2024');
    expect(printed).toMatch(/generation:\s+2024/);
    abort.abort();
    await running;
    await expect(runSandboxCli(['--generation', 'old'], { stdout: new PassThrough(), stderr: new PassThrough() })).rejects.toThrow(/current, 2024/);
  });

  it('--sandbox-generation with a bad value exits 2 naming the accepted values, in the user\'s language', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-generation-'));
    const english = makeIo({ cwd, home: cwd, env: {} });
    expect(await runCli(['demo', '--sandbox-generation', '1999', '--lang', 'en'], english.io)).toBe(2);
    expect(english.stderr()).toContain('--sandbox-generation must be one of current, 2024, not "1999"');
    const korean = makeIo({ cwd, home: cwd, env: {} });
    expect(await runCli(['--sandbox', '--sandbox-generation', 'x'], korean.io)).toBe(2);
    expect(korean.stderr()).toContain('--sandbox-generation은 current, 2024 중 하나여야 합니다');
  });

  it('the stdio server with --sandbox --sandbox-generation 2024 serves against the 2024 sandbox', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-generation-'));
    const server = await spawnServer({ cwd, args: ['--sandbox', '--sandbox-generation', '2024'] });
    try {
      const servers = await server.call('list_servers', {});
      expect(servers.ok).toBe(true);
      expect(server.stderr()).toContain('(server generation 2024)');
    } finally {
      await server.close();
    }
  });
});

describeGenerations('the shared contract helper', ({ generation, mcp, pick }) => {
  it('connects a host to a sandbox of the generation it names', async () => {
    expect(mcp().sandbox.generation).toBe(generation);
    expect(pick({ current: 'today', '2024': 'old' })).toBe(generation === 'current' ? 'today' : 'old');
    expect((await mcp().call('list_servers', {})).ok).toBe(true);
  });
});

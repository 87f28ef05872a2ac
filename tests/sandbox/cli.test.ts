import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { runSandboxCli } from '../../sandbox/cli.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import type { Sandbox } from '../../sandbox/index.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

describe('sandbox command line', () => {
  it('names the token variable like the token store reads it', () => {
    expect(tokenEnvName('ap1', 'my-team')).toBe('ALPACON_MCP_AP1_MY_TEAM_TOKEN');
  });

  it('starts with the given options, prints the env lines, serves, and stops on abort', async () => {
    const out = capture();
    const err = capture();
    const abort = new AbortController();
    let ready: Sandbox | undefined;
    const running = runSandboxCli(
      ['--servers', '3', '--workspace', 'demo-ws', '--region', 'us1', '--token', 'tok-1', '--faults', 'latency=1', '--seed', '9'],
      { stdout: out.stream, stderr: err.stream, signal: abort.signal, onReady: (s) => (ready = s) },
    );
    while (ready === undefined) await new Promise((r) => setTimeout(r, 10));
    const lines = out.text().split('\n');
    expect(lines).toContain(`ALPACON_MCP_BASE_URL=${ready.url}`);
    expect(lines).toContain('ALPACON_MCP_US1_DEMO_WS_TOKEN=tok-1');
    expect(out.text()).toMatch(/workspace:\s+demo-ws/);
    const res = await fetch(`${ready.url}/api/servers/servers/`, { headers: { Authorization: 'token="tok-1"' } });
    expect(((await res.json()) as { count: number }).count).toBe(3);
    expect(ready.faults.list()).toEqual([{ kind: 'latency', ms: 1 }]);
    abort.abort();
    await running;
    await expect(fetch(`${ready.url}/api/status/`)).rejects.toThrow();
  });

  it('refuses unknown faults and bad numbers', async () => {
    const quiet = { stdout: capture().stream, stderr: capture().stream };
    await expect(runSandboxCli(['--faults', 'boom=1'], quiet)).rejects.toThrow(/Unknown fault/);
    await expect(runSandboxCli(['--servers', 'many'], quiet)).rejects.toThrow();
  });
});

describe('sandbox start failures', () => {
  it('rejects with EADDRINUSE when the port is taken', async () => {
    const { startSandbox } = await import('../../sandbox/index.js');
    const first = await startSandbox();
    try {
      const port = Number(new URL(first.url).port);
      await expect(startSandbox({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.stop();
    }
  });
});

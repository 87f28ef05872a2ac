import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';

interface StdioRun {
  serverName: string;
  tools: number;
  listServers: { ok: boolean; workspace: string; servers: number };
}

interface Report {
  tarball: { file: string; bytes: number; unpackedBytes: number; entries: number };
  install: { bytes: number; packages: number; mcpName: string };
  installed: StdioRun;
  npx: StdioRun;
}

function runScript(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'pack-install-run.mjs'), '--npx'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the npm package as a user installs it', () => {
  it('packs only what runs, installs with production dependencies, and serves the sandbox over stdio (installed and via npx)', async () => {
    const run = await runScript();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const line = run.stdout.split('\n').find((l) => l.startsWith('REPORT '));
    const report = JSON.parse(line!.slice('REPORT '.length)) as Report;
    const serverJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'server.json'), 'utf8')) as { name: string };
    expect(report.install.mcpName).toBe(serverJson.name);
    for (const stdio of [report.installed, report.npx]) {
      expect(stdio.serverName).toBe('alpacon-mcp');
      expect(stdio.tools).toBeGreaterThan(0);
      expect(stdio.listServers).toEqual({ ok: true, workspace: 'sandbox', servers: 5 });
    }
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    process.stdout.write(
      `pack-install-run: tarball ${mib(report.tarball.bytes)} (${report.tarball.entries} files, ${mib(report.tarball.unpackedBytes)} unpacked); ` +
        `installed with production dependencies ${mib(report.install.bytes)} in ${report.install.packages} packages; ${report.installed.tools} tools\n`,
    );
  }, 420_000);
});

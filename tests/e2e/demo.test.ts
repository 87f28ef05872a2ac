import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { BIN } from '../helpers/spawn-server.js';

describe('the demo (README first command)', () => {
  it('walks every enabled domain against the sandbox when no token is configured, and succeeds', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'alpacon-demo-home-'));
    const run = spawnSync(process.execPath, [BIN, 'demo', '--lang', 'en'], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stdout).toContain('Sandbox: simulated Alpacon workspace');
    for (const tool of ['list_servers', 'execute_command_sync', 'execute_command', 'webftp_upload_content', 'webftp_download_file', 'get_server_metrics_summary', 'list_events', 'get_system_info', 'list_iam_users']) {
      expect(run.stdout).toMatch(new RegExp(`\\d+\\. ${tool}\\s+✓`));
    }
    expect(run.stdout).not.toContain('✗');
    expect(run.stdout).toMatch(/Demo finished: \d+ calls, all succeeded\./);
    expect(run.status).toBe(0);
  });

  it('passes against the 2024 server generation too (npm run demo -- --sandbox-generation 2024)', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'alpacon-demo-home-'));
    const run = spawnSync(process.execPath, [BIN, 'demo', '--sandbox-generation', '2024', '--lang', 'en'], {
      cwd: home, env: { PATH: process.env.PATH ?? '', HOME: home }, encoding: 'utf8', timeout: 120_000,
    });
    expect(run.stdout).toContain('(server generation 2024)');
    expect(run.stdout).toMatch(/\d+\. execute_command_sync\s+✓/);
    expect(run.stdout).toMatch(/\d+\. list_events\s+✓/);
    expect(run.stdout).not.toContain('✗');
    expect(run.stdout).toMatch(/Demo finished: \d+ calls, all succeeded\./);
    expect(run.status).toBe(0);
  });

  it('speaks Korean by default', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'alpacon-demo-home-'));
    const run = spawnSync(process.execPath, [BIN, 'demo'], { cwd: home, env: { PATH: process.env.PATH ?? '', HOME: home }, encoding: 'utf8', timeout: 120_000 });
    expect(run.stdout).toContain('샌드박스');
    expect(run.stdout).toMatch(/데모 완료: 호출 \d+개 모두 성공\./);
    expect(run.status).toBe(0);
  });
});

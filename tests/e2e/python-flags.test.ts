import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { BIN, spawnServer } from '../helpers/spawn-server.js';
import { tempProject } from '../helpers/temp-project.js';

/** The Python server's command line (main.py, server.py) on the real binary over stdio. */
describe('Python command-line flags and environment on node bin/alpacon-mcp.js', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ workspace: 'acme' });
  });
  afterAll(async () => sandbox.stop());

  const env = () => ({ ALPACON_MCP_BASE_URL: sandbox.url, ALPACON_MCP_AP1_ACME_TOKEN: sandbox.token });
  async function toolNames(args: string[], extraEnv: Record<string, string> = {}): Promise<string[]> {
    const server = await spawnServer({ cwd: await tempProject(), args, env: { ...env(), ...extraEnv } });
    try {
      return (await server.client.listTools()).tools.map((t) => t.name);
    } finally {
      await server.close();
    }
  }

  it('--toolsets servers,commands,webftp serves those toolsets plus the always-on ones', async () => {
    const names = await toolNames(['--toolsets', 'servers,commands,webftp']);
    expect(names).toEqual(expect.arrayContaining([
      'list_servers', 'update_server', 'reboot_system', 'execute_command', 'execute_command_multi_server', 'list_commands', 'webftp_upload_file',
      'list_workspaces', 'get_workspace_preferences', 'work_session_list',
    ]));
    expect(names).not.toContain('get_cpu_usage');
    expect(names).not.toContain('list_iam_users');
  });

  it('the flag wins over ALPACON_MCP_TOOLSETS, which works alone; system-info brings get_server_overview', async () => {
    const flagWins = await toolNames(['--toolsets', 'iam'], { ALPACON_MCP_TOOLSETS: 'metrics' });
    expect(flagWins).toContain('list_iam_users');
    expect(flagWins).not.toContain('get_cpu_usage');
    const fromEnv = await toolNames([], { ALPACON_MCP_TOOLSETS: 'System-Info' });
    expect(fromEnv).toEqual(expect.arrayContaining(['get_system_info', 'get_server_overview']));
    expect(fromEnv).not.toContain('list_servers');
  });

  it('--tools, --exclude-tools and --disable-destructive (and their environment variables) narrow the list', async () => {
    const names = await toolNames(['--toolsets', 'servers', '--tools', 'get_cpu_usage', '--exclude-tools', 'star_*', '--disable-destructive']);
    expect(names).toEqual(expect.arrayContaining(['get_cpu_usage', 'create_server_note', 'list_servers']));
    expect(names).not.toContain('star_server');
    expect(names).not.toContain('delete_server_note');
    expect(names).not.toContain('reboot_system');
    const fromEnv = await toolNames(['--toolsets', 'servers'], {
      ALPACON_MCP_TOOLS: 'get_memory_usage', ALPACON_MCP_EXCLUDE_TOOLS: 'list_server_notes', ALPACON_MCP_DISABLE_DESTRUCTIVE: '1',
    });
    expect(fromEnv).toContain('get_memory_usage');
    expect(fromEnv).not.toContain('list_server_notes');
    expect(fromEnv).not.toContain('delete_server_note');
  });

  it('an unknown toolset stops the server with the valid names', async () => {
    const run = promisify(execFile);
    const failure = await run(process.execPath, [BIN, '--lang', 'en', '--toolsets', 'servers,comands'], {
      cwd: await tempProject(), env: { PATH: process.env.PATH ?? '', ...env() }, timeout: 20_000,
    }).then(() => undefined, (error: { code?: number; stderr?: string }) => error);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('unknown toolset(s): comands');
    expect(failure?.stderr).toContain('system-info');
  });

  it('--config-file and ~/.alpacon-mcp/token.json in the object form, with the region left out', async () => {
    const cwd = await tempProject();
    await mkdir(path.join(cwd, '.alpacon-mcp'));
    await writeFile(path.join(cwd, '.alpacon-mcp', 'token.json'), JSON.stringify({ us1: { acme: { token: sandbox.token, url: sandbox.url } } }), { mode: 0o600 });
    const home = await spawnServer({ cwd, args: ['--toolsets', 'servers'], env: {} });
    try {
      const listed = await home.call('list_servers', { workspace: 'acme' });
      expect(listed.ok).toBe(true);
      expect(listed.raw.structuredContent).toMatchObject({ region: 'us1' });
    } finally {
      await home.close();
    }
    await writeFile(path.join(cwd, 'py-tokens.json'), JSON.stringify({ eu1: { acme: sandbox.token } }), { mode: 0o600 });
    const flagged = await spawnServer({ cwd, args: ['--config-file', 'py-tokens.json', '--toolsets', 'servers'], env: { ALPACON_MCP_BASE_URL: sandbox.url } });
    try {
      const listed = await flagged.call('list_servers', { workspace: 'acme' });
      expect(listed.ok).toBe(true);
      expect(listed.raw.structuredContent).toMatchObject({ region: 'eu1' });
    } finally {
      await flagged.close();
    }
  });
});

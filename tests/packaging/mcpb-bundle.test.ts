import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SINGLE_TOKEN_ENV } from '../../core/auth/token-env.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';
import { spawnStdioClient } from '../helpers/stdio-client.js';

interface UserConfigField { type: string; title: string; description: string; required?: boolean; sensitive?: boolean; default?: unknown }
interface Manifest {
  version: string;
  server: { type: string; entry_point: string; mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  user_config: Record<string, UserConfigField>;
}

const MCPB_CLI = path.join(PROJECT_ROOT, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');
const MANIFEST_FILE = path.join(PROJECT_ROOT, 'bundle', 'manifest.json');
const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as Manifest;
const packageJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

function run(command: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/** What Claude Desktop does with mcp_config: `${__dirname}` is the unpacked bundle, `${user_config.x}` what the user typed. */
function launch(bundleDir: string, userConfig: Record<string, string>): { command: string; args: string[]; env: Record<string, string> } {
  const fill = (value: string) =>
    value.replace(/\$\{__dirname\}/g, bundleDir).replace(/\$\{user_config\.(\w+)\}/g, (_, key: string) => userConfig[key] ?? '');
  const { command, args, env } = manifest.server.mcp_config;
  return { command: command === 'node' ? process.execPath : command, args: args.map(fill), env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v)])) };
}

describe('Claude Desktop bundle (.mcpb)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ workspace: 'desk', region: 'us1', token: 'mcpb-test-desk-token' });
  });
  afterAll(async () => sandbox.stop());

  it('has a manifest the mcpb CLI validates, at the package version, starting the package binary', async () => {
    const validated = await run(process.execPath, [MCPB_CLI, 'validate', MANIFEST_FILE]);
    expect(validated.out).toContain('validation passes');
    expect(validated.code).toBe(0);
    expect(manifest.version).toBe(packageJson.version);
    expect(manifest.server).toMatchObject({ type: 'node', entry_point: packageJson.bin['alpacon-mcp'] });
    expect(manifest.server.mcp_config.args).toEqual([`\${__dirname}/${packageJson.bin['alpacon-mcp']}`]);
  });

  it('asks for region, workspace and a sensitive API token, passed as the plain environment variables the server reads', () => {
    expect(manifest.user_config.region).toMatchObject({ type: 'string', required: true, default: 'ap1' });
    expect(manifest.user_config.workspace).toMatchObject({ type: 'string', required: true });
    expect(manifest.user_config.api_token).toMatchObject({ type: 'string', required: true, sensitive: true });
    const env = manifest.server.mcp_config.env;
    expect(env[SINGLE_TOKEN_ENV.region]).toBe('${user_config.region}');
    expect(env[SINGLE_TOKEN_ENV.workspace]).toBe('${user_config.workspace}');
    expect(env[SINGLE_TOKEN_ENV.token]).toBe('${user_config.api_token}');
    for (const value of Object.values(env)) {
      for (const [, key] of value.matchAll(/\$\{user_config\.(\w+)\}/g)) expect(Object.keys(manifest.user_config)).toContain(key);
    }
  });

  it('"npm run bundle" builds a bundle whose server, started as Claude Desktop starts it, serves the configured workspace', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'alpacon-mcpb-'));
    try {
      const built = await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'bundle', '--', '--out', out]);
      expect(built.code).toBe(0);
      const file = path.join(out, `alpacon-mcp-${packageJson.version}.mcpb`);
      expect(existsSync(file)).toBe(true);
      const unpacked = path.join(out, 'unpacked');
      expect((await run(process.execPath, [MCPB_CLI, 'unpack', file, unpacked])).code).toBe(0);
      expect(existsSync(path.join(unpacked, 'manifest.json'))).toBe(true);
      expect(existsSync(path.join(unpacked, 'node_modules', 'reflect-metadata'))).toBe(true);
      expect(existsSync(path.join(unpacked, 'node_modules', 'jest'))).toBe(false);

      const started = launch(unpacked, { region: 'us1', workspace: 'desk', api_token: sandbox.token, read_only: 'true' });
      const client = await spawnStdioClient({
        command: started.command,
        args: started.args,
        cwd: out,
        env: { ...started.env, ALPACON_MCP_BASE_URL: sandbox.url, ALPACON_MCP_LANG: 'en' },
      });
      try {
        const tools = await client.listTools();
        expect(tools).toContain('list_servers');
        expect(tools).not.toContain('execute_command_sync');
        const result = await client.call('list_servers', {});
        expect(result.ok).toBe(true);
        expect(result.raw.structuredContent).toMatchObject({ workspace: 'desk', region: 'us1' });
      } finally {
        await client.close();
      }
      expect(client.stderr()).not.toContain(sandbox.token);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 300_000);
});

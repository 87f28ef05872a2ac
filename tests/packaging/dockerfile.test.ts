import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HTTP_DEFAULTS } from '../../core/transports/http/options.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { execForm, finalStage, imageCommand, keyValues, readDockerfile } from '../helpers/dockerfile.js';
import { connectHttpClient } from '../helpers/http-client.js';
import { startServeProcess } from '../helpers/serve-process.js';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';
import { tempProject } from '../helpers/temp-project.js';

// No container runtime here: these tests check what can be checked without one, and run the image's own command line
// (ENTRYPOINT + CMD, its ENV) as a process, with only the bind address moved to loopback and the port to a free one.

const instructions = readDockerfile();
const image = finalStage(instructions);
const packageJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; mcpName: string; bin: Record<string, string>; files: string[] };
const serverJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'server.json'), 'utf8')) as { name: string };
const dockerignore = readFileSync(path.join(PROJECT_ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('is multi-stage, and every file the build copies from the context exists and is not excluded by .dockerignore', () => {
    expect(new Set(instructions.map((i) => i.stage)).size).toBeGreaterThanOrEqual(2);
    const copies = instructions.filter((i) => i.keyword === 'COPY' && !i.value.startsWith('--from'));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const sources = copy.value.split(/\s+/).slice(0, -1);
      for (const source of sources) {
        expect(existsSync(path.join(PROJECT_ROOT, source))).toBe(true);
        expect(dockerignore).not.toContain(source);
      }
    }
    // Everything the npm package ships (package.json "files", minus build output) is copied into the build stage.
    const copied = copies.flatMap((c) => c.value.split(/\s+/).slice(0, -1));
    for (const entry of packageJson.files.filter((f) => !f.startsWith('!') && f !== 'dist')) expect(copied).toContain(entry);
  });

  it('runs as a non-root user, exposes the server port, carries the MCP Registry label and holds no token', () => {
    const user = image.filter((i) => i.keyword === 'USER').at(-1)?.value;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(image.filter((i) => i.keyword === 'EXPOSE').map((i) => i.value)).toEqual([String(HTTP_DEFAULTS.port)]);
    const labels = Object.assign({}, ...image.filter((i) => i.keyword === 'LABEL').map((i) => keyValues(i.value))) as Record<string, string>;
    expect(labels['io.modelcontextprotocol.server.name']).toBe(serverJson.name);
    expect(packageJson.mcpName).toBe(serverJson.name);
    const { env } = imageCommand(instructions);
    expect(env.ALPACON_MCP_PORT).toBe(String(HTTP_DEFAULTS.port));
    for (const i of instructions.filter((x) => x.keyword === 'ENV' || x.keyword === 'ARG')) expect(i.value).not.toMatch(/TOKEN/);
  });

  it('runs the installed alpacon-mcp binary with "serve --http"', () => {
    const { entrypoint, cmd } = imageCommand(instructions);
    expect(entrypoint).toEqual(['alpacon-mcp']);
    expect(packageJson.bin['alpacon-mcp']).toBe('bin/alpacon-mcp.js');
    expect(cmd).toEqual(['serve', '--http']);
  });

  it('with the image environment and no caller token, refuses to start', async () => {
    const { cmd, env } = imageCommand(instructions);
    const cwd = await tempProject({});
    // Fails before binding, so the all-interfaces address of the image is never opened here.
    const served = startServeProcess([...cmd, '--lang', 'en'], env, cwd);
    expect(await served.exit).not.toBe(0);
    expect(served.stderr()).toContain('ALPACON_MCP_SERVER_TOKEN');
  });

  describe('the image command line as a process', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ workspace: 'team', token: 'docker-test-team-token' });
    });
    afterAll(async () => sandbox.stop());

    it('answers its HEALTHCHECK on /healthz, and MCP calls with the caller token and a workspace from plain variables', async () => {
      const { cmd, env } = imageCommand(instructions);
      const cwd = await tempProject({});
      const serverToken = 'docker-test-server-token';
      const served = startServeProcess(cmd, {
        ...env,
        ALPACON_MCP_HOST: '127.0.0.1',
        ALPACON_MCP_PORT: '0',
        ALPACON_MCP_SERVER_TOKEN: serverToken,
        ALPACON_MCP_BASE_URL: sandbox.url,
        ALPACON_MCP_WORKSPACE: 'team',
        ALPACON_MCP_TOKEN: sandbox.token,
      }, cwd);
      try {
        const url = await served.url;
        const port = new URL(url).port;

        const healthcheck = image.find((i) => i.keyword === 'HEALTHCHECK');
        expect(healthcheck?.value).toContain('/healthz');
        const probe = execForm(healthcheck!.value.slice(healthcheck!.value.indexOf('CMD') + 3).trim());
        expect(probe[0]).toBe('node');
        const exitCode = await new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, probe.slice(1), { env: { PATH: process.env.PATH ?? '', ALPACON_MCP_PORT: port }, stdio: 'ignore' });
          child.once('exit', resolve);
        });
        expect(exitCode).toBe(0);

        expect((await fetch(`${url}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
        const client = await connectHttpClient(url, { headers: { Authorization: `Bearer ${serverToken}` } });
        const result = await client.call('list_servers', {});
        expect(result.ok).toBe(true);
        expect((result.raw.structuredContent as { workspace?: string }).workspace).toBe('team');
        await client.close();
      } finally {
        served.child.kill('SIGTERM');
        await served.exit;
      }
      expect(served.stderr()).not.toContain(sandbox.token);
      expect(served.stderr()).not.toContain(serverToken);
    });
  });
});

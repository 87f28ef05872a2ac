import { randomBytes } from 'node:crypto';
import { mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createApp } from '../../core/app/create-app.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { createLogger } from '../../core/logger.js';
import { startHttpServer, HTTP_DEFAULTS, type RunningHttpServer } from '../../core/transports/http/index.js';
import { BUILTIN_PLUGINS } from '../../plugins/builtin.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { connectModernHttp, connectModernStdio, MODERN_REVISION, type ModernConnection } from '../helpers/modern-client.js';
import { spawn } from 'node:child_process';
import { BIN, spawnServer } from '../helpers/spawn-server.js';
import { tempProject } from '../helpers/temp-project.js';
import { cleanupsAfterEach } from '../helpers/cleanups.js';

/** Both protocol eras on every transport: 2026-07-28 (SDK v2 client, pinned) and 2025 (SDK v1 client). */
const TOKEN = 'eras-bearer-token';
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ workspace: 'acme', token: 'eras-acme-token-123' });
});
afterAll(async () => sandbox.stop());
const cleanups = cleanupsAfterEach();

async function serveHttp(stateless: boolean, rc?: Record<string, unknown>): Promise<RunningHttpServer> {
  const app = await createApp({
    builtins: BUILTIN_PLUGINS,
    defaultPlugins: ['servers'],
    cwd: rc ? await tempProject({ rc }) : '/nonexistent-dir',
    env: { [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
    overrides: { baseUrl: sandbox.url, defaultWorkspace: sandbox.workspace },
    logger: createLogger({ level: 'silent' }),
  });
  const running = await startHttpServer(app, { ...HTTP_DEFAULTS, port: 0, serverToken: TOKEN, stateless });
  cleanups.push(() => running.close());
  return running;
}

const envelope = (version = MODERN_REVISION) => ({
  'io.modelcontextprotocol/protocolVersion': version,
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '0' },
  'io.modelcontextprotocol/clientCapabilities': {},
});

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; json: { result?: Record<string, unknown>; error?: { code: number; data?: Record<string, unknown> } } }> {
  const response = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as never };
}

describe('stdio serves both eras', () => {
  it('a 2026-07-28 client (server/discover, per-request _meta) and a 2025 client (initialize) call the same binary', async () => {
    const cwd = await tempProject({ rc: { plugins: ['servers'], defaultWorkspace: 'acme' } });
    const env = { ALPACON_MCP_BASE_URL: sandbox.url, ALPACON_MCP_AP1_ACME_TOKEN: sandbox.token };
    const modern = await connectModernStdio({ cwd, env });
    cleanups.push(() => modern.close());
    expect(modern.revision()).toBe(MODERN_REVISION);
    expect(modern.client.getServerCapabilities()?.tools).toEqual({ listChanged: false });
    const tools = await modern.client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('list_servers');
    const listed = await modern.call('list_servers', { page_size: 2 });
    expect(listed).toMatchObject({ ok: true, data: { results: expect.any(Array) } });

    const legacy = await spawnServer({ cwd, env });
    cleanups.push(() => legacy.close());
    expect(legacy.client.getServerVersion()?.name).toBe('alpacon-mcp');
    expect((await legacy.call('list_servers', { page_size: 2 })).ok).toBe(true);
  });
});

describe('stdio version mismatch', () => {
  it('answers a request for an unknown revision with -32022 naming the supported ones, and keeps serving', async () => {
    const cwd = await tempProject({ rc: { plugins: ['servers'], defaultWorkspace: 'acme' } });
    const child = spawn(process.execPath, [BIN], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ALPACON_MCP_BASE_URL: sandbox.url, ALPACON_MCP_AP1_ACME_TOKEN: sandbox.token } });
    cleanups.push(async () => void child.kill());
    let out = '';
    const reply = (id: number) =>
      new Promise<{ result?: Record<string, unknown>; error?: { code: number; data?: Record<string, unknown> } }>((resolve) => {
        const look = () => {
          const line = out.split('\n').find((l) => l.includes(`"id":${id}`));
          if (line) {
            child.stdout.off('data', onData);
            resolve(JSON.parse(line) as never);
          }
        };
        const onData = (chunk: Buffer) => ((out += chunk.toString()), look());
        child.stdout.on('data', onData);
        look();
      });
    const send = (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: envelope('2099-01-01') } });
    expect((await reply(1)).error).toMatchObject({ code: -32022, data: { supported: expect.arrayContaining([MODERN_REVISION]), requested: '2099-01-01' } });
    send({ jsonrpc: '2.0', id: 2, method: 'server/discover', params: { _meta: envelope() } });
    expect((await reply(2)).result).toMatchObject({ supportedVersions: expect.arrayContaining([MODERN_REVISION]) });
  });
});

describe.each([false, true])('Streamable HTTP serves both eras (stateless: %s)', (stateless) => {
  it('a 2026-07-28 client calls tools without a session; a 2025 client initializes (with a session unless stateless)', async () => {
    const running = await serveHttp(stateless);
    const modern = await connectModernHttp(`${running.url}/mcp`, { headers: { authorization: `Bearer ${TOKEN}` } });
    cleanups.push(() => modern.close());
    expect(modern.revision()).toBe(MODERN_REVISION);
    expect((await modern.call('list_servers', { page_size: 1 })).ok).toBe(true);
    expect(running.sessionCount()).toBe(0);

    const transport = new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } });
    const legacy = new Client({ name: 'legacy', version: '0' });
    await legacy.connect(transport);
    cleanups.push(() => legacy.close());
    expect(transport.sessionId === undefined).toBe(stateless);
    expect(running.sessionCount()).toBe(stateless ? 0 : 1);
    const called = await legacy.callTool({ name: 'list_servers', arguments: { page_size: 1 } });
    expect(called.isError).toBeFalsy();
  });

  it('answers server/discover, requires the Mcp-Method/Mcp-Name headers, refuses unknown revisions and GET/DELETE', async () => {
    const running = await serveHttp(stateless);
    const headers = { 'mcp-protocol-version': MODERN_REVISION };
    const discover = await post(running.url, { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: envelope() } }, { ...headers, 'mcp-method': 'server/discover' });
    expect(discover.status).toBe(200);
    expect(discover.json.result).toMatchObject({ supportedVersions: [MODERN_REVISION], capabilities: { tools: { listChanged: false } } });

    const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_servers', arguments: { page_size: 1 }, _meta: envelope() } };
    const ok = await post(running.url, call, { ...headers, 'mcp-method': 'tools/call', 'mcp-name': 'list_servers' });
    expect(ok.status).toBe(200);
    expect(ok.json.result).toMatchObject({ structuredContent: { ok: true } });
    const noMethod = await post(running.url, call, headers);
    expect(noMethod.status).toBe(400);
    expect(noMethod.json.error?.code).toBe(-32020);
    const wrongName = await post(running.url, call, { ...headers, 'mcp-method': 'tools/call', 'mcp-name': 'get_server' });
    expect(wrongName.status).toBe(400);
    expect(wrongName.json.error?.code).toBe(-32020);

    const future = await post(
      running.url,
      { jsonrpc: '2.0', id: 3, method: 'tools/list', params: { _meta: envelope('2099-01-01') } },
      { 'mcp-protocol-version': '2099-01-01', 'mcp-method': 'tools/list' },
    );
    expect(future.status).toBe(400);
    expect(future.json.error).toMatchObject({ code: -32022, data: { supported: [MODERN_REVISION], requested: '2099-01-01' } });

    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(`${running.url}/mcp`, { method, headers: { ...headers, authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' } });
      expect(response.status).toBe(405);
    }
  });
});

describe('progress reaches 2026-07-28 clients', () => {
  async function localFile(): Promise<{ root: string; file: string }> {
    const root = await realpath(await mkdtemp(path.join(tmpdir(), 'eras-webftp-')));
    const file = path.join(root, 'blob.bin');
    await writeFile(file, randomBytes(1024 * 1024));
    return { root, file };
  }
  const connectedServer = () => (sandbox.world.servers.all().find((s) => s.is_connected) ?? sandbox.world.servers.all()[0]).id;

  /** Uploads the 1 MiB file and checks the progress the client saw: several notifications, the file size as total. */
  async function uploadReportsProgress(modern: ModernConnection, file: string, remote: string): Promise<void> {
    const progress: { progress: number; total?: number }[] = [];
    const result = await modern.call('webftp_upload_file', { server_id: connectedServer(), local_file_path: file, remote_file_path: remote }, { onprogress: (p) => progress.push(p) });
    expect(result.error).toBeUndefined();
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.total === 1024 * 1024)).toBe(true);
  }

  it('over stdio: a WebFTP upload reports progress with the file size as total', async () => {
    const { root, file } = await localFile();
    const cwd = await tempProject({ rc: { plugins: ['webftp'], defaultWorkspace: 'acme', webftp: { localRoots: [root] } } });
    const modern = await connectModernStdio({ cwd, env: { ALPACON_MCP_BASE_URL: sandbox.url, ALPACON_MCP_AP1_ACME_TOKEN: sandbox.token } });
    cleanups.push(() => modern.close());
    await uploadReportsProgress(modern, file, '/tmp/eras-stdio.bin');
  });

  it('over Streamable HTTP: a WebFTP upload and a multi-server command report progress (the response streams)', async () => {
    const { root, file } = await localFile();
    const running = await serveHttp(true, { plugins: ['webftp', 'command'], webftp: { localRoots: [root] } });
    const modern = await connectModernHttp(`${running.url}/mcp`, { headers: { authorization: `Bearer ${TOKEN}` } });
    cleanups.push(() => modern.close());
    await uploadReportsProgress(modern, file, '/tmp/eras-http.bin');

    const servers = sandbox.world.servers.all().filter((s) => s.is_connected).slice(0, 3).map((s) => s.id);
    const fanned: { progress: number; total?: number }[] = [];
    const multi = await modern.call('execute_command_multi_server', { server_ids: servers, command: 'uptime' }, { onprogress: (p) => fanned.push(p) });
    expect(multi.error).toBeUndefined();
    expect(fanned.map((p) => p.total)).toEqual(servers.map(() => servers.length));
    expect(fanned.at(-1)?.progress).toBe(servers.length);
  });
});

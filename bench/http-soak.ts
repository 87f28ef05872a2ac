/**
 * Soak of `alpacon-mcp serve --http`: N concurrent Streamable HTTP clients (own sessions) call get_server for a bounded time
 * against a sandbox; reports requests per second, failed calls, and the server process's RSS at start, peak and end.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { tokenEnvName } from '../core/auth/token-env.js';
import type { Sandbox } from '../sandbox/index.js';
import { mib, rssOf } from './lib/rss.js';
import { round } from './lib/stats.js';
import { BIN } from './lib/stdio-server.js';

const SERVER_TOKEN = 'bench-soak-server-token';

export interface SoakOptions {
  clients: number;
  seconds: number;
}

export async function httpSoak(sandbox: Sandbox, options: SoakOptions): Promise<Record<string, unknown>> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-soak-'));
  // Every client comes from 127.0.0.1: the per-client rate limit would measure itself, so it is off for the soak.
  await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify({ plugins: ['servers'], defaultWorkspace: sandbox.workspace, logLevel: 'warn', server: { rateLimitPerMinute: 0 } }));
  const child = spawn(process.execPath, [BIN, 'serve', '--http', '--port', '0'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ALPACON_MCP_BASE_URL: sandbox.url, [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token, ALPACON_MCP_SERVER_TOKEN: SERVER_TOKEN },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /(http:\/\/\S+\/mcp)\b/.exec(stderr);
      if (match) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`server exited: ${stderr}`)));
  });
  const serverId = sandbox.world.servers.all()[0].id;
  const clients: Client[] = [];
  try {
    for (let i = 0; i < options.clients; i += 1) {
      const client = new Client({ name: `soak-${i}`, version: '0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${SERVER_TOKEN}` } } }));
      clients.push(client);
    }
    const startRss = await rssOf(child.pid);
    let peakRss = startRss ?? 0;
    const sampler = setInterval(() => void rssOf(child.pid).then((r) => (peakRss = Math.max(peakRss, r ?? 0))), 250);
    const deadline = Date.now() + options.seconds * 1000;
    let ok = 0;
    let failed = 0;
    const started = Date.now();
    await Promise.all(
      clients.map(async (client) => {
        while (Date.now() < deadline) {
          try {
            const result = (await client.callTool({ name: 'get_server', arguments: { server_id: serverId } })) as CallToolResult;
            if (result.isError) failed += 1;
            else ok += 1;
          } catch {
            failed += 1;
          }
        }
      }),
    );
    const elapsed = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const endRss = await rssOf(child.pid);
    sandbox.requests.clear();
    return {
      clients: options.clients,
      seconds: round(elapsed, 1),
      calls: ok + failed,
      failed,
      requests_per_second: round((ok + failed) / elapsed, 0),
      rss_mib: { start: mib(startRss), peak: mib(peakRss), end: mib(endRss) },
    };
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    child.kill('SIGTERM');
  }
}

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createApp } from '../../core/app/create-app.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { createLogger } from '../../core/logger.js';
import { HTTP_DEFAULTS, startHttpServer, type RunningHttpServer } from '../../core/transports/http/index.js';
import { BUILTIN_PLUGINS } from '../../plugins/builtin.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

const SERVER_TOKEN = 'soak-test-server-token';

// Throughput and memory under this load are reported by `npm run bench` (bench/http-soak.ts); this checks correctness only.
describe('HTTP soak: 50 concurrent clients', () => {
  let sandbox: Sandbox;
  let running: RunningHttpServer;
  beforeAll(async () => {
    sandbox = await startSandbox({});
    const app = await createApp({
      builtins: { servers: BUILTIN_PLUGINS.servers },
      defaultPlugins: ['servers'],
      cwd: '/nonexistent-dir',
      env: { [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
      overrides: { baseUrl: sandbox.url, defaultWorkspace: sandbox.workspace },
      logger: createLogger({ level: 'silent' }),
    });
    running = await startHttpServer(app, { ...HTTP_DEFAULTS, port: 0, serverToken: SERVER_TOKEN, rateLimitPerMinute: 0 });
  });
  afterAll(async () => {
    await running.close();
    await sandbox.stop();
  });

  it('answers every call of every client for a bounded time, with no failure', async () => {
    const serverId = sandbox.world.servers.all()[0].id;
    const clients = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const client = new Client({ name: `soak-${i}`, version: '0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${SERVER_TOKEN}` } } }));
        return client;
      }),
    );
    const deadline = Date.now() + 3_000;
    const outcomes = await Promise.all(
      clients.map(async (client) => {
        let ok = 0;
        const failures: string[] = [];
        while (Date.now() < deadline) {
          const result = (await client.callTool({ name: 'get_server', arguments: { server_id: serverId } }).catch((e: Error) => ({ isError: true, content: [{ type: 'text', text: e.message }] }))) as CallToolResult;
          if (result.isError) failures.push(JSON.stringify(result.content));
          else ok += 1;
        }
        return { ok, failures };
      }),
    );
    await Promise.all(clients.map((c) => c.close()));
    expect(outcomes.flatMap((o) => o.failures)).toEqual([]);
    expect(outcomes.every((o) => o.ok > 0)).toBe(true);
    expect(running.sessionCount()).toBeLessThanOrEqual(50);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process.js';
import { toOutcome } from '../helpers/in-process.js';
import { tempProject } from '../helpers/temp-project.js';

const SERVER_TOKEN = 'e2e-server-token-abcdef';

function startServe(args: string[], env: Record<string, string>, cwd: string): ServeProcess {
  return startServeProcess(['serve', ...args], env, cwd);
}

describe('alpacon-mcp serve --http', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ workspace: 'acme', token: 'e2e-http-acme-token' });
  });
  afterAll(async () => sandbox.stop());

  it('serves Streamable HTTP with a bearer token, and SIGTERM lets an in-flight call finish', async () => {
    const cwd = await tempProject({ rc: { plugins: ['servers', 'workspace'], defaultWorkspace: 'acme' } });
    const served = startServe(['--http', '--port', '0'], {
      ALPACON_MCP_BASE_URL: sandbox.url,
      ALPACON_MCP_AP1_ACME_TOKEN: sandbox.token,
      ALPACON_MCP_SERVER_TOKEN: SERVER_TOKEN,
    }, cwd);
    const url = await served.url;
    const client = new Client({ name: 'e2e-http', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${SERVER_TOKEN}` } } }));
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('list_servers');

    sandbox.faults.add({ kind: 'latency', ms: 800, pathPrefix: '/api/servers/servers/', count: 1 });
    const pending = client.callTool({ name: 'list_servers', arguments: {} });
    await new Promise((r) => setTimeout(r, 300));
    served.child.kill('SIGTERM');
    const result = toOutcome((await pending) as CallToolResult);
    expect(result.ok).toBe(true);
    expect(await served.exit).toBe(0);
    expect(served.stderr()).not.toContain(SERVER_TOKEN);
    expect(served.stderr()).not.toContain(sandbox.token);
  });

  it('refuses to bind a non-loopback address without a server token', async () => {
    const cwd = await tempProject({});
    const served = startServe(['--http', '--host', '0.0.0.0', '--port', '0', '--lang', 'en'], { ALPACON_MCP_BASE_URL: sandbox.url }, cwd);
    expect(await served.exit).not.toBe(0);
    expect(served.stderr()).toContain('ALPACON_MCP_SERVER_TOKEN');
    await served.url.catch(() => undefined);
  });
});

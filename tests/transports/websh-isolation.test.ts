import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createApp, type App } from '../../core/app/create-app.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { createLogger } from '../../core/logger.js';
import { HTTP_DEFAULTS, startHttpServer, type RunningHttpServer } from '../../core/transports/http/index.js';
import { BUILTIN_PLUGINS } from '../../plugins/builtin.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { toOutcome } from '../helpers/in-process.js';

const SERVER_TOKEN = 'isolation-bearer-token-xyz';

/** Two MCP sessions over Streamable HTTP on one server: Websh channels and pooled connections stay with their session. */
describe('Websh state belongs to the MCP session that made it', () => {
  let sandbox: Sandbox;
  let app: App;
  let running: RunningHttpServer;
  const clients: Client[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ commandStepMs: 5, servers: 2 });
    app = await createApp({
      builtins: BUILTIN_PLUGINS,
      defaultPlugins: ['websh'],
      cwd: '/nonexistent-dir',
      env: { [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
      overrides: { baseUrl: sandbox.url, defaultWorkspace: sandbox.workspace },
      logger: createLogger({ level: 'silent' }),
    });
    running = await startHttpServer(app, { ...HTTP_DEFAULTS, port: 0, serverToken: SERVER_TOKEN });
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    await running.close();
    await app.close();
    await sandbox.stop();
  });

  async function session() {
    const client = new Client({ name: 'isolation', version: '0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${SERVER_TOKEN}` } } });
    await client.connect(transport);
    clients.push(client);
    const call = async (name: string, args: Record<string, unknown> = {}) => toOutcome((await client.callTool({ name, arguments: args })) as CallToolResult);
    return Object.assign(call, { end: () => transport.terminateSession() });
  }

  it('another session can neither list nor use nor close a channel', async () => {
    const [alice, bob] = [await session(), await session()];
    const server = sandbox.world.servers.all().filter((s) => s.is_connected)[0].id;
    const opened = await alice('websh_channel_connect', { server_id: server });
    expect(opened.ok).toBe(true);
    const channelId = (opened.data as { channel_id: string }).channel_id;

    const listed = (await alice('websh_channels_list')).data as { channels: { channel_id: string }[] };
    expect(listed.channels.map((c) => c.channel_id)).toEqual([channelId]);
    expect(((await bob('websh_channels_list')).data as { channels: unknown[] }).channels).toEqual([]);
    expect((await bob('websh_channel_execute', { channel_id: channelId, command: 'id' })).error?.code).toBe('not_found');
    expect((await bob('websh_channel_disconnect', { channel_id: channelId })).error?.code).toBe('not_found');

    const ran = await alice('websh_channel_execute', { channel_id: channelId, command: 'echo mine' });
    expect(ran.data).toMatchObject({ output: 'mine\n', exit_code: 0 });
    expect((await alice('websh_channel_disconnect', { channel_id: channelId })).ok).toBe(true);
  });

  it('pooled connections are not shared: each session gets its own Websh session and shell state', async () => {
    const [alice, bob] = [await session(), await session()];
    const server = sandbox.world.servers.all().filter((s) => s.is_connected)[0].id;
    sandbox.requests.clear();
    const first = await alice('execute_command', { server_id: server, command: 'cd /etc && pwd' });
    const again = await alice('execute_command', { server_id: server, command: 'pwd' });
    const other = await bob('execute_command', { server_id: server, command: 'pwd' });
    const sessionOf = (r: { data: unknown }) => (r.data as { session_id: string }).session_id;
    expect(sessionOf(again)).toBe(sessionOf(first));
    expect(again.data).toMatchObject({ output: '/etc\n' });
    expect(sessionOf(other)).not.toBe(sessionOf(first));
    expect(other.data).not.toMatchObject({ output: '/etc\n' });
    expect(sandbox.requests.filter({ method: 'POST', path: '/api/websh/sessions/' })).toHaveLength(2);
  });

  it('when a session ends, the channels and pooled connections it left open are closed through the API', async () => {
    const alice = await session();
    const server = sandbox.world.servers.all().filter((s) => s.is_connected)[0].id;
    const channel = await alice('websh_channel_connect', { server_id: server });
    const pooled = await alice('execute_command', { server_id: server, command: 'true' });
    const sessions = [(channel.data as { session_id: string }).session_id, (pooled.data as { session_id: string }).session_id];
    sandbox.requests.clear();
    await alice.end();
    const closed = () => sandbox.requests.filter({ method: 'POST' }).map((r) => r.path);
    while (!sessions.every((id) => closed().includes(`/api/websh/sessions/${id}/close/`))) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed()).toEqual(expect.arrayContaining(sessions.map((id) => `/api/websh/sessions/${id}/close/`)));
  });
});

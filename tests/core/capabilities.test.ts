import { describe, expect, it } from '@jest/globals';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { createApp } from '../../core/app/create-app.js';
import { createLogger } from '../../core/logger.js';
import { startHttpServer, HTTP_DEFAULTS } from '../../core/transports/http/index.js';
import { BUILTIN_PLUGINS, DEFAULT_PLUGINS } from '../../plugins/builtin.js';
import { connect } from '../helpers/in-process.js';
import { MODERN_REVISION, modernEnvelope } from '../helpers/modern-client.js';
import { tempProject } from '../helpers/temp-project.js';
import { cleanupsAfterEach } from '../helpers/cleanups.js';

/** Capabilities tell the truth: the tool list never changes at run time; logging is declared because warnings are sent. */
const cleanups = cleanupsAfterEach();

const SKIPPED = { rc: { plugins: ['servers', 'alpacon-plugin-absent'] } };

describe('capabilities and MCP logging', () => {
  it('2025 era: declares tools without listChanged and logging, and sends a skipped plugin as a warning after initialize', async () => {
    const messages: { level: string; logger?: string; data: unknown }[] = [];
    const t = await connect({ ...SKIPPED, beforeConnect: (client) => client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void messages.push(n.params)) });
    cleanups.push(() => t.close());
    await t.client.ping();
    expect(t.client.getServerCapabilities()).toMatchObject({ tools: { listChanged: false }, logging: {} });
    expect(messages).toEqual([
      expect.objectContaining({ level: 'warning', logger: 'alpacon-mcp', data: expect.objectContaining({ message: expect.stringContaining('alpacon-plugin-absent') }) }),
    ]);
  });

  it('2026-07-28: warnings come with tools/list only when the request asks for logs (_meta logLevel)', async () => {
    const app = await createApp({
      builtins: BUILTIN_PLUGINS,
      defaultPlugins: DEFAULT_PLUGINS,
      cwd: await tempProject(SKIPPED),
      env: {},
      logger: createLogger({ level: 'silent' }),
    });
    const running = await startHttpServer(app, { ...HTTP_DEFAULTS, port: 0, stateless: true });
    cleanups.push(() => running.close());
    const list = async (meta: Record<string, unknown>) => {
      const response = await fetch(`${running.url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': MODERN_REVISION, 'mcp-method': 'tools/list' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: meta } }),
      });
      return response.text();
    };
    const quiet = await list(modernEnvelope());
    expect(quiet).not.toContain('notifications/message');
    expect(quiet).toContain('list_servers');
    const asked = await list({ ...modernEnvelope(), 'io.modelcontextprotocol/logLevel': 'warning' });
    expect(asked).toContain('notifications/message');
    expect(asked).toContain('alpacon-plugin-absent');
    expect(asked).toContain('list_servers');
  });
});


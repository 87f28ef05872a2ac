import { describe, expect, it } from '@jest/globals';
import { definePlugin, Effects, IsString, JSONSchema, reply, ServerInput, Tool, inject, injectable, ALPACON, type AlpaconClient } from '../../core/index.js';
import { connectPlugin, startSandbox } from '../../core/testing/index.js';

class ServerLabelInput extends ServerInput {
  @IsString()
  @JSONSchema({ description: 'Label to look up' })
  label!: string;
}

@injectable()
class LabelTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({ name: 'acme_server_label', title: 'Server label', description: 'A label of a server from the acme endpoint.', input: ServerLabelInput, annotations: Effects.read })
  async label({ server_id, label, ...target }: ServerLabelInput) {
    const found = await this.alpacon.get<{ value: string }>(target, `/api/acme/labels/${server_id}/${label}/`);
    return reply(found, `label ${label}`);
  }
}

const plugin = definePlugin({ name: 'alpacon-plugin-labels', description: 'Labels', host: '^0.1.0', tools: [LabelTools] });

describe('alpacon-mcp/testing', () => {
  it('connectPlugin serves the plugin in-process against a sandbox whose routes include the plugin’s own endpoint', async () => {
    const sandbox = await startSandbox({
      routes: (router) => router.add('GET', '/api/acme/labels/:server/:label/', (req) => ({ status: 200, body: { value: `${req.params.label}@${req.params.server}` } })),
    });
    const connection = await connectPlugin(plugin, { sandbox });
    try {
      expect((await connection.list()).map((t) => t.name)).toEqual(['acme_server_label']);
      const [server] = sandbox.world.servers.all();
      const result = await connection.call('acme_server_label', { server_id: server.id, label: 'rack' });
      expect(result).toMatchObject({ ok: true, data: { value: `rack@${server.id}` }, summary: 'label rack' });
      expect(sandbox.requests.filter({ method: 'GET', path: `/api/acme/labels/${server.id}/rack/` })).toHaveLength(1);
      const invalid = await connection.call('acme_server_label', { server_id: 'nope', label: 'rack' });
      expect(invalid.error?.code).toBe('invalid_input');
      expect(connection.status()).toMatchObject({ state: 'loaded', tools: ['acme_server_label'] });
    } finally {
      await connection.close();
      await sandbox.stop();
    }
  });

  it('a broken plugin fails connectPlugin with the same named reason as at start-up', async () => {
    class Empty {}
    const broken = definePlugin({ name: 'alpacon-plugin-empty', description: 'Empty', host: '^0.1.0', tools: [Empty] });
    await expect(connectPlugin(broken)).rejects.toMatchObject({ code: 'plugin_invalid', message: expect.stringContaining('has no @Tool') });
  });
});

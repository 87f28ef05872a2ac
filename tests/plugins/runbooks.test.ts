import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

describe('runbooks: resource templates and prompts', () => {
  let t: SandboxedConnection;
  let serverId: string;
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['runbooks', 'servers'] } });
    const listed = await t.call('list_servers', { workspace: t.sandbox.workspace });
    serverId = (listed.data as { results: { id: string }[] }).results[0].id;
  });
  afterAll(async () => t.close());

  const base = () => `alpacon://${t.sandbox.region}/${t.sandbox.workspace}`;

  it('lists the templates', async () => {
    const { resourceTemplates } = await t.client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate)).toEqual([
      'alpacon://{region}/{workspace}/inventory',
      'alpacon://{region}/{workspace}/servers/{server_id}',
    ]);
  });

  it('reads a server summary from the real paths', async () => {
    t.sandbox.requests.clear();
    const result = await t.client.readResource({ uri: `${base()}/servers/${serverId}` });
    const body = JSON.parse(String((result.contents[0] as { text: string }).text)) as { server: { id: string }; os: unknown; recent_events: unknown[] };
    expect(body.server.id).toBe(serverId);
    expect(body.os).not.toBeNull();
    expect(Array.isArray(body.recent_events)).toBe(true);
    expect(t.sandbox.requests.all().map((r) => r.path).sort()).toEqual(['/api/events/events/', '/api/proc/os/', `/api/servers/servers/${serverId}/`]);
  });

  it('reads the workspace inventory', async () => {
    const result = await t.client.readResource({ uri: `${base()}/inventory` });
    const body = JSON.parse(String((result.contents[0] as { text: string }).text)) as { count: number; servers: { id: string }[] };
    expect(body.servers.length).toBe(body.count);
    expect(result.contents[0].mimeType).toBe('application/json');
  });

  it('answers unknown ids, bad names and unknown URIs with errors that carry a code, sending nothing for bad input', async () => {
    await expect(t.client.readResource({ uri: `${base()}/servers/00000000-0000-4000-8000-000000000000` })).rejects.toMatchObject({ data: { code: 'not_found' } });
    t.sandbox.requests.clear();
    await expect(t.client.readResource({ uri: `alpacon://ap1/bad.name/inventory` })).rejects.toMatchObject({ data: { code: 'invalid_input' } });
    await expect(t.client.readResource({ uri: `${base()}/servers/not-a-uuid` })).rejects.toMatchObject({ data: { code: 'invalid_input' } });
    await expect(t.client.readResource({ uri: 'alpacon://nowhere' })).rejects.toMatchObject({ data: { code: 'not_found' } });
    expect(t.sandbox.requests.all()).toHaveLength(0);
  });

  it('serves the runbook prompts with their arguments', async () => {
    const { prompts } = await t.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['audit_server_access', 'diagnose_slow_server', 'safe_fleet_rollout']);
    const rollout = await t.client.getPrompt({ name: 'safe_fleet_rollout', arguments: { command: 'apt-get -y upgrade', server_filter: 'web' } });
    const text = (rollout.messages[0].content as { text: string }).text;
    expect(text).toContain('apt-get -y upgrade');
    expect(text).toContain('search="web"');
    expect(text).toMatch(/canary/i);
    await expect(t.client.getPrompt({ name: 'diagnose_slow_server', arguments: {} })).rejects.toMatchObject({ data: { code: 'invalid_input' } });
  });
});

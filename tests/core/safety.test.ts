import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { probeBuiltins } from '../fixtures/probe-plugin.js';
import { findInlineSecret } from '../../core/safety/inline-secrets.js';
import { ConfigError } from '../../core/errors/index.js';
import { ALPACON } from '../../core/tokens.js';
import type { AlpaconClient } from '../../core/http/alpacon-client.js';

let t: SandboxedConnection | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function probe(rc: Record<string, unknown>, capabilities?: NonNullable<Parameters<typeof connectToSandbox>[0]>['capabilities']) {
  t = await connectToSandbox({ builtins: probeBuiltins, rc: { defaultWorkspace: 'sandbox', ...rc }, capabilities });
  const alpacon = t.app.container.resolve<AlpaconClient>(ALPACON);
  const [server] = (await alpacon.page<{ id: string }>({ workspace: t.sandbox.workspace, region: t.sandbox.region }, '/api/servers/servers/')).results;
  t.sandbox.requests.clear();
  return { t, serverId: server.id };
}

const names = async (c: SandboxedConnection) => (await c.client.listTools()).tools.map((x) => x.name).sort();

describe('tool surface modes', () => {
  it('readOnly keeps only read-only tools, even when included', async () => {
    const { t } = await probe({ readOnly: true, tools: { include: ['probe_run'] } });
    expect(await names(t)).toEqual(['probe_read']);
  });

  it('disableDestructive drops destructive tools but keeps additive ones', async () => {
    const { t } = await probe({ disableDestructive: true });
    expect(await names(t)).toEqual(['probe_create', 'probe_read']);
  });

  it('under disableDestructive, an additive tool is refused when an argument makes the call destructive', async () => {
    const { t } = await probe({ disableDestructive: true });
    expect((await t.call('probe_create', {})).ok).toBe(true);
    const refused = await t.call('probe_create', { overwrite: true });
    expect(refused.error?.code).toBe('policy_denied');
    expect(refused.error?.details).toEqual({ rule: 'disableDestructive', fields: ['overwrite'] });
  });

  it('exclude wins over include, with patterns', async () => {
    const { t } = await probe({ tools: { exclude: ['probe_r*'] } });
    expect(await names(t)).toEqual(['probe_create']);
  });

  it('a name that matches nothing is a startup error with close matches', async () => {
    await expect(probe({ tools: { exclude: ['probe_rn'] } })).rejects.toThrow(/did you mean probe_run/);
  });

  it('annotations carry all four hints and a title', async () => {
    const { t } = await probe({});
    const tool = (await t.client.listTools()).tools.find((x) => x.name === 'probe_run');
    expect(tool?.annotations).toEqual({ readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true });
  });
});

describe('command policy', () => {
  it('refuses denied commands, sudo and inline secrets before anything is sent, naming the rule', async () => {
    const { t, serverId } = await probe({ commands: { deny: ['^rm\\s'], sudo: false } });
    const denied = await t.call('probe_run', { server_id: serverId, command: 'rm -rf /var' });
    expect(denied.error?.code).toBe('policy_denied');
    expect(denied.error?.details?.rule).toBe('commands.deny');
    const sudo = await t.call('probe_run', { server_id: serverId, command: 'ls; sudo reboot' });
    expect(sudo.error?.details?.rule).toBe('commands.sudo');
    const secret = await t.call('probe_run', { server_id: serverId, command: 'mysql -u root -phunter2 db' });
    expect(secret.error?.code).toBe('inline_credential');
    const inList = await t.call('probe_run', { server_id: serverId, command: 'ls', commands: ['rm -r /tmp/x'] });
    expect(inList.error?.code).toBe('policy_denied');
    expect(t.sandbox.requests.all()).toHaveLength(0);

    const allowed = await t.call('probe_run', { server_id: serverId, command: 'ls -la' });
    expect(allowed.ok).toBe(true);
    expect(t.sandbox.requests.filter({ method: 'POST' })).toHaveLength(1);
  });

  it('with an allow list, only matching commands pass', async () => {
    const { t, serverId } = await probe({ commands: { allow: ['^(ls|df|uptime)\\b'] } });
    expect((await t.call('probe_run', { server_id: serverId, command: 'cat /etc/shadow' })).error?.details?.rule).toBe('commands.allow');
    expect((await t.call('probe_run', { server_id: serverId, command: 'uptime' })).ok).toBe(true);
  });

  it('rejects an invalid pattern at startup', async () => {
    await expect(probe({ commands: { deny: ['(unclosed'] } })).rejects.toThrow(ConfigError);
  });

  it('recognises inline secrets but not references to environment variables', () => {
    expect(findInlineSecret('curl https://user:pa55@example.com/x')).toBe('credentials in a URL');
    expect(findInlineSecret('DB_PASSWORD=s3cret ./migrate')).toBe('secret environment assignment');
    expect(findInlineSecret('psql --password=abc')).toBe('password option');
    expect(findInlineSecret('mysql -u root -p"$DB_PASS" db')).toBeUndefined();
    expect(findInlineSecret('DB_PASSWORD=$SECRET ./migrate')).toBeUndefined();
    expect(findInlineSecret('ls -la /var/log')).toBeUndefined();
  });
});

describe('confirmation of destructive calls', () => {
  const withElicitation = { capabilities: { elicitation: {} } };

  async function answering(action: 'accept' | 'decline' | 'cancel', confirm = true) {
    const { t, serverId } = await probe({ confirmDestructive: true }, withElicitation);
    const asked: string[] = [];
    t.client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(String(request.params.message));
      return action === 'accept' ? { action, content: { confirm } } : { action };
    });
    return { t, serverId, asked };
  }

  it('proceeds on accept, showing what and where', async () => {
    const { t, serverId, asked } = await answering('accept');
    const result = await t.call('probe_run', { server_id: serverId, command: 'uptime' });
    expect(result.ok).toBe(true);
    expect(asked[0]).toContain('probe_run');
    expect(asked[0]).toContain(serverId);
    expect(asked[0]).toContain('uptime');
    expect(asked[0]).toContain('workspace sandbox');
  });

  it.each([['decline'], ['cancel']] as const)('refuses on %s and sends nothing', async (action) => {
    const { t, serverId } = await answering(action);
    const result = await t.call('probe_run', { server_id: serverId, command: 'uptime' });
    expect(result.error?.code).toBe('confirmation_declined');
    expect(t.sandbox.requests.all()).toHaveLength(0);
  });

  it('refuses with an explanation when the client cannot elicit; read-only and additive tools are not asked', async () => {
    const { t, serverId } = await probe({ confirmDestructive: true });
    const result = await t.call('probe_run', { server_id: serverId, command: 'uptime' });
    expect(result.error?.code).toBe('confirmation_required');
    expect(result.error?.hint).toContain('confirmDestructive');
    expect((await t.call('probe_create')).ok).toBe(true);
    expect((await t.call('probe_read')).ok).toBe(true);
    expect((await t.call('probe_create', { overwrite: true })).error?.code).toBe('confirmation_required');
  });
});

describe('audit log', () => {
  it('appends one JSON line per non-read-only call with secrets redacted, under concurrency', async () => {
    const { t, serverId } = await probe({ audit: { file: 'logs/audit.jsonl' }, commands: { deny: ['^halt'] } });
    const calls = Array.from({ length: 20 }, (_, i) => t.call('probe_run', { server_id: serverId, command: i % 5 === 0 ? 'halt' : `echo ${i}` }));
    await Promise.all([...calls, t.call('probe_read'), t.call('probe_create')]);
    const file = path.join(t.app.config.baseDir, 'logs', 'audit.jsonl');
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(21);
    expect(lines.filter((l) => l.tool === 'probe_read')).toHaveLength(0);
    const refused = lines.filter((l) => l.outcome === 'refused');
    expect(refused).toHaveLength(4);
    expect(refused[0]).toMatchObject({ tool: 'probe_run', workspace: 'sandbox', server: serverId, error_code: 'policy_denied' });
    expect(lines.find((l) => l.outcome === 'ok' && l.tool === 'probe_run')).toMatchObject({
      arguments: expect.objectContaining({ command: expect.stringMatching(/^echo /) }),
      duration_ms: expect.any(Number),
      time: expect.any(String),
    });
    expect(JSON.stringify(lines)).not.toContain(t.sandbox.token);
  });
});

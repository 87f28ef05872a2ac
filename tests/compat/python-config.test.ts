import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { connect } from '../helpers/in-process.js';

/** A token.json as the Python server reads it (utils/token_manager.py): string entries and {"token", "url"} entries. */
describe('a Python user\'s token file through MCP', () => {
  let sandbox: Sandbox;
  let cwd: string;
  // Nothing listens on port 9: a call that ignored the pinned URL would fail with a network error.
  const unreachable = 'http://127.0.0.1:9/{workspace}';

  beforeAll(async () => {
    sandbox = await startSandbox({ workspace: 'acme', servers: 2, commandStepMs: 5 });
    cwd = await realpath(await mkdtemp(path.join(tmpdir(), 'alpacon-py-config-')));
    await mkdir(path.join(cwd, 'config'));
    await writeFile(
      path.join(cwd, 'config', 'token.json'),
      JSON.stringify({ us1: { acme: { token: sandbox.token, url: sandbox.url } }, ap1: { other: sandbox.token } }),
      { mode: 0o600 },
    );
  });
  afterAll(async () => sandbox?.stop());

  const open = (env: Record<string, string> = {}) =>
    connect({ cwd, env, rc: { plugins: ['servers', 'websh', 'webftp'], baseUrl: unreachable, http: { retries: 0 }, webftp: { localRoots: [cwd] } } });

  it('sends every request of a pinned workspace to its url, and finds its region when the call leaves it out', async () => {
    const c = await open();
    try {
      sandbox.requests.clear();
      const listed = await c.call('list_servers', { workspace: 'acme' });
      expect(listed.ok).toBe(true);
      expect(listed.raw.structuredContent).toMatchObject({ workspace: 'acme', region: 'us1' });
      const serverId = sandbox.world.servers.all().find((s) => s.is_connected)?.id ?? '';

      const ran = await c.call('execute_command', { workspace: 'acme', server_id: serverId, command: 'echo pinned' });
      expect(ran.error).toBeUndefined();
      expect(ran.data).toMatchObject({ exit_code: 0 });

      const wrote = await c.call('webftp_upload_content', { workspace: 'acme', server_id: serverId, content: 'x', remote_file_path: '/tmp/pinned.txt' });
      expect(wrote.error).toBeUndefined();
      expect(sandbox.requests.all().length).toBeGreaterThanOrEqual(4);

      // ap1/other has a plain string entry: no pinned URL, so the (unreachable) template applies to it alone.
      const other = await c.call('list_servers', { workspace: 'other' });
      expect(other.error?.code).toBe('network_error');
    } finally {
      await c.close();
    }
  });

  it('ALPACON_MCP_<REGION>_<WORKSPACE>_URL pins a workspace too', async () => {
    const c = await open({ ALPACON_MCP_AP1_OTHER_URL: sandbox.url });
    try {
      const listed = await c.call('list_servers', { workspace: 'other' });
      expect(listed.ok).toBe(true);
      expect(listed.raw.structuredContent).toMatchObject({ workspace: 'other', region: 'ap1' });
    } finally {
      await c.close();
    }
  });

  it('ALPACON_MCP_CONFIG_FILE names the token file, as in the Python server', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'alpacon-py-config-file-'));
    const file = path.join(elsewhere, 'tokens.json');
    await writeFile(file, JSON.stringify({ eu1: { acme: { token: sandbox.token, url: sandbox.url } } }), { mode: 0o600 });
    const c = await connect({ cwd: elsewhere, env: { ALPACON_MCP_CONFIG_FILE: file }, rc: { plugins: ['servers'], baseUrl: unreachable } });
    try {
      const listed = await c.call('list_servers', { workspace: 'acme' });
      expect(listed.ok).toBe(true);
      expect(listed.raw.structuredContent).toMatchObject({ region: 'eu1' });
    } finally {
      await c.close();
    }
  });
});

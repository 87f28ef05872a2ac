// Runs the plugin in a real alpacon-mcp host in-process against the local Alpacon sandbox: no account, no network.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connectPlugin, startSandbox } from 'alpacon-mcp/testing';
import plugin from '../dist/index.js';

let sandbox;
let connection;

before(async () => {
  sandbox = await startSandbox({ servers: 2 });
  connection = await connectPlugin(plugin, { sandbox, rc: { 'alpacon-plugin-disk-report': { defaultLimit: 1 } } });
});

after(async () => {
  await connection.close();
  await sandbox.stop();
});

test('disk_report is served with its schema', async () => {
  const [tool] = await connection.list();
  assert.equal(tool.name, 'disk_report');
  assert.equal(tool.readOnly, true);
});

test('disk_report lists partitions largest first, as many as the setting says', async () => {
  const [server] = sandbox.world.servers.all();
  const report = await connection.call('disk_report', { server_id: server.id, limit: 5 });
  assert.equal(report.ok, true, JSON.stringify(report.error));
  const data = report.data;
  assert.ok(data.partitions.length >= 1);
  const sizes = data.partitions.map((p) => p.size_gb);
  assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
  const limited = await connection.call('disk_report', { server_id: server.id });
  assert.equal(limited.data.partitions.length, 1);
});

test('bad input is refused before any request', async () => {
  const before = sandbox.requests.count({ path: '/api/proc/partitions/' });
  const bad = await connection.call('disk_report', { server_id: 'not-a-uuid', limit: 500 });
  assert.equal(bad.error?.code, 'invalid_input');
  assert.equal(sandbox.requests.count({ path: '/api/proc/partitions/' }), before);
});

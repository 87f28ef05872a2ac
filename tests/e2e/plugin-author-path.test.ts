import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { copyExample, npm, pack, packHost, tempDir } from '../helpers/npm-pack.js';
import { spawnServer } from '../helpers/spawn-server.js';

const run = promisify(execFile);

/**
 * docs/plugins.md, step by step, in temporary folders: the host packed with `npm pack`, the example plugin developed against
 * that tarball, tested, packed, and installed beside the host; then the same plugin under a second copy of the host and from
 * the user's config folder. Everything installs from the npm cache, asking the npm registry only for what the cache lacks. Step durations are printed (never asserted).
 */
describe('the plugin author path of docs/plugins.md', () => {
  const steps: [string, number][] = [];
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await work();
    steps.push([name, Date.now() - started]);
    return result;
  };
  let sandbox: Sandbox;
  let root: string;
  let hostTgz: string;
  let pluginTgz: string;
  const env = () => ({ ALPACON_MCP_BASE_URL: sandbox.url, ALPACON_MCP_AP1_ACME_TOKEN: sandbox.token });
  const bin = (folder: string) => path.join(folder, 'node_modules', 'alpacon-mcp', 'bin', 'alpacon-mcp.js');
  const rc = { plugins: ['servers', 'alpacon-plugin-disk-report'], 'alpacon-plugin-disk-report': { defaultLimit: 3 } };

  beforeAll(async () => {
    sandbox = await startSandbox({ workspace: 'acme', token: 'author-path-token-123', servers: 2 });
    root = await tempDir('alpacon-author-');
  });
  afterAll(async () => {
    await sandbox.stop();
    const total = steps.reduce((sum, [, ms]) => sum + ms, 0);
    process.stderr.write(`plugin author path: ${steps.map(([n, ms]) => `${n} ${(ms / 1000).toFixed(1)} s`).join('; ')}; total ${(total / 1000).toFixed(1)} s\n`);
  });

  /** Calls disk_report through MCP on a spawned host and checks the answer. */
  async function diskReportAnswers(options: { cwd: string; bin: string; home?: string }): Promise<void> {
    const server = await spawnServer({ cwd: options.cwd, bin: options.bin, env: { ...env(), ...(options.home ? { HOME: options.home } : {}) } });
    try {
      const listed = await server.call('list_servers', { workspace: 'acme' });
      const [target] = (listed.data as { results: { id: string }[] }).results;
      const report = await server.call('disk_report', { workspace: 'acme', server_id: target.id });
      expect(report.error).toBeUndefined();
      const data = report.data as { server_id: string; partitions: { size_gb: number }[] };
      expect(data.server_id).toBe(target.id);
      expect(data.partitions.length).toBeGreaterThan(0);
      expect(data.partitions.length).toBeLessThanOrEqual(3);
      expect(server.client.getInstructions()).toContain('disk_report');
    } finally {
      await server.close();
    }
  }

  it('1-5: pack the host, develop, test and pack the plugin, install both beside .alpaconrc; the tool answers through MCP', async () => {
    hostTgz = await step('npm pack (host)', () => packHost(root));
    const dev = await step('copy the example', () => copyExample('alpacon-plugin-disk-report', path.join(root, 'dev')));
    await step('npm install --save-dev <host tarball>', () => npm(dev, ['install', '--save-dev', hostTgz]));
    const manifest = JSON.parse(await readFile(path.join(dev, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(manifest.devDependencies['alpacon-mcp']).toMatch(/^file:.*alpacon-mcp-0\.1\.0\.tgz$/);
    const tested = await step('npm test (plugin)', () => npm(dev, ['test']));
    expect(tested).toMatch(/# pass 3/);
    pluginTgz = await step('npm pack (plugin)', () => pack(dev, root));

    const project = path.join(root, 'project');
    await mkdir(project);
    await writeFile(path.join(project, 'package.json'), '{ "name": "my-project", "private": true }\n');
    await step('npm install <host tarball> <plugin tarball>', () => npm(project, ['install', hostTgz, pluginTgz]));
    await writeFile(path.join(project, '.alpaconrc'), JSON.stringify(rc));
    const report = await step('alpacon-mcp plugins', () =>
      run(process.execPath, [bin(project), 'plugins', '--lang', 'en'], { cwd: project, env: { PATH: process.env.PATH ?? '', HOME: project, ...env() } }),
    );
    expect(report.stdout).toMatch(/ok +alpacon-plugin-disk-report \(package\): 1 tool\(s\)/);
    await step('serve and call disk_report', () => diskReportAnswers({ cwd: project, bin: bin(project) }));
  }, 600_000);

  it('the same plugin binds to a second copy of the host (the plugin imports its own copy, another copy runs)', async () => {
    const project = path.join(root, 'project');
    const global = path.join(root, 'global');
    // A separate installation of the host with its own tsyringe, class-validator and metadata storage, like a global install.
    await step('second copy of the host', () => cp(path.join(project, 'node_modules'), path.join(global, 'node_modules'), { recursive: true, verbatimSymlinks: true }));
    await step('serve (second copy) and call disk_report', () => diskReportAnswers({ cwd: project, bin: bin(global) }));
  }, 300_000);

  it('installed alone into ~/.alpacon-mcp (no alpacon-mcp beside it), the plugin imports the running host', async () => {
    const home = path.join(root, 'home');
    const userFolder = path.join(home, '.alpacon-mcp');
    await mkdir(userFolder, { recursive: true });
    await step('npm install --prefix ~/.alpacon-mcp <plugin tarball>', () => npm(userFolder, ['install', '--prefix', userFolder, pluginTgz]));
    const elsewhere = path.join(root, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, '.alpaconrc'), JSON.stringify(rc));
    await diskReportAnswers({ cwd: elsewhere, bin: bin(path.join(root, 'global')), home });
  }, 300_000);

  it('create-plugin makes a package whose own test passes against the packed host', async () => {
    const work = path.join(root, 'new');
    await mkdir(work);
    const created = await step('alpacon-mcp create-plugin', () =>
      run(process.execPath, [bin(path.join(root, 'project')), 'create-plugin', 'alpacon-plugin-uptime', '--host', `file:${hostTgz}`, '--lang', 'en'], { cwd: work }),
    );
    expect(created.stdout).toContain('npm install && npm test');
    const dir = path.join(work, 'alpacon-plugin-uptime');
    await step('npm install (new plugin)', () => npm(dir, ['install']));
    const tested = await step('npm test (new plugin)', () => npm(dir, ['test']));
    expect(tested).toMatch(/# pass 2/);
    expect(tested).toMatch(/# fail 0/);
  }, 600_000);
});

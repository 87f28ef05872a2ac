import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { aliasRule } from '../../core/registry/argument-aliases.js';
import { PYTHON_TOOLSETS, ALWAYS_ON_TOOLSETS } from '../../core/config/toolsets.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { connect } from '../helpers/in-process.js';
import { PROJECT_ROOT, spawnServer } from '../helpers/spawn-server.js';
import { tempProject } from '../helpers/temp-project.js';
import { gaps, pythonTools, type OurTool } from './migration-facts.js';

/**
 * docs/migrating.md is partly written by this test, so it cannot drift: the alias table and the toolset table come from the
 * code, the gaps from comparing tools/list with the Python server's tools, and the transcript from running a Python user's
 * configuration and prompts against the sandbox. UPDATE_MIGRATING=1 rewrites the sections; otherwise they are compared.
 */
const DOC = path.join(PROJECT_ROOT, 'docs', 'migrating.md');
const UPDATE = process.env.UPDATE_MIGRATING === '1';
const HOW = 'docs/migrating.md is out of date: run UPDATE_MIGRATING=1 NODE_OPTIONS=--experimental-vm-modules npx jest tests/compat/migrating-doc.test.ts';

async function section(name: string, generated: string): Promise<void> {
  const begin = `<!-- BEGIN generated:${name} (tests/compat/migrating-doc.test.ts) -->`;
  const end = `<!-- END generated:${name} -->`;
  const doc = await readFile(DOC, 'utf8');
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/migrating.md lacks the markers of section ${name}`);
  const current = doc.slice(from + begin.length, to);
  const wanted = `\n${generated.trim()}\n`;
  if (UPDATE) await writeFile(DOC, doc.slice(0, from + begin.length) + wanted + doc.slice(to));
  else expect({ section: name, text: current, hint: HOW }).toEqual({ section: name, text: wanted, hint: HOW });
}

describe('docs/migrating.md', () => {
  let ours: Map<string, OurTool>;
  beforeAll(async () => {
    const c = await connect({ rc: { plugins: ['all'] }, env: {} });
    try {
      ours = new Map(
        c.app.registry.list().map((t) => [
          t.name,
          { name: t.name, properties: t.argumentNames.slice(), required: ((t.inputSchema.required ?? []) as string[]).slice(), aliases: c.app.registry.loaded(t.name)?.aliases ?? {} },
        ]),
      );
    } finally {
      await c.close();
    }
  });

  it('lists every argument alias', async () => {
    const rows = [...ours.values()].flatMap((tool) =>
      Object.entries(tool.aliases).map(([name, rule]) => {
        const r = aliasRule(rule);
        const here = r.to === undefined ? '(accepted, then dropped)' : r.to === name ? `\`${name}\` (value form)` : `\`${r.to}\``;
        return `| \`${tool.name}\` | \`${name}\` | ${here} | ${r.note ?? ''} |`;
      }),
    );
    expect(rows.length).toBeGreaterThan(20);
    await section('aliases', ['| tool | Python argument | here | what changes |', '|---|---|---|---|', ...rows].join('\n'));
  });

  it('lists every toolset mapping', async () => {
    const rows = [
      ...Object.entries(PYTHON_TOOLSETS).map(([name, m]) => `| \`${name}\` | ${m.plugins.map((p) => `\`${p}\``).join(', ')}${m.tools ? ` + ${m.tools.map((t) => `\`${t}\``).join(', ')}` : ''} |`),
      ...Object.entries(ALWAYS_ON_TOOLSETS).map(([name, plugins]) => `| \`${name}\` (always on) | ${plugins.map((p) => `\`${p}\``).join(', ')} |`),
    ];
    await section('toolsets', ['| Python toolset | plugins here |', '|---|---|', ...rows].join('\n'));
  });

  it('names every Python tool and argument that is not accepted here, each with its reason', async () => {
    const found = gaps(await pythonTools(), ours);
    const unexplained = found.filter((g) => g.reason === undefined).map((g) => `${g.tool}.${g.argument}`);
    expect(unexplained).toEqual([]);
    const tools = found.filter((g) => !g.argument).map((g) => `\`${g.tool}\``);
    const args = found.filter((g) => g.argument).map((g) => `| \`${g.tool}\` | \`${g.argument}\` | ${g.reason} |`);
    const text = [
      tools.length > 0 ? `Python tools without a counterpart (${tools.length}; ${found.find((g) => !g.argument)?.reason}): ${tools.join(', ')}.` : 'Every Python tool has a counterpart.',
      '',
      '| tool | Python argument | why it is not accepted |',
      '|---|---|---|',
      ...args,
    ].join('\n');
    await section('gaps', text);
  });

  describe('transcript', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ workspace: 'acme', servers: 3, token: 'python-user-token-0001', commandStepMs: 5 });
    });
    afterAll(async () => sandbox?.stop());

    it('a Python user\'s token.json (both entry forms), --toolsets and three prompts work unchanged', async () => {
      const cwd = await tempProject();
      const tokenJson = {
        ap1: { acme: { token: 'python-user-token-0001', url: '<sandbox-url>' } },
        us1: { lab: 'python-user-token-0001' },
      };
      const clientConfig = {
        mcpServers: {
          alpacon: {
            command: 'npx',
            args: ['-y', 'alpacon-mcp', '--toolsets', 'servers,commands,webftp'],
            env: { ALPACON_MCP_US1_LAB_URL: '<sandbox-url>' },
          },
        },
      };
      const real = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('<sandbox-url>', sandbox.url)) as Record<string, unknown>;
      await mkdir(path.join(cwd, '.alpacon-mcp'));
      await writeFile(path.join(cwd, '.alpacon-mcp', 'token.json'), JSON.stringify(real(tokenJson), null, 2), { mode: 0o600 });
      const server = await spawnServer({ cwd, args: clientConfig.mcpServers.alpacon.args.slice(2), env: real(clientConfig.mcpServers.alpacon.env) as Record<string, string> });
      const lines: string[] = [
        '`~/.alpacon-mcp/token.json`, as the Python server\'s setup and its object form write it:',
        '',
        '```json',
        JSON.stringify(tokenJson, null, 2),
        '```',
        '',
        'The client configuration, with `uvx alpacon-mcp` replaced by `npx -y alpacon-mcp` and nothing else changed:',
        '',
        '```json',
        JSON.stringify(clientConfig, null, 2),
        '```',
        '',
      ];
      try {
        const names = (await server.client.listTools()).tools.map((t) => t.name);
        lines.push(`tools/list: ${names.length} tools (servers, commands and webftp toolsets, plus the always-on workspace, work-session and settings tools).`, '');

        const record = async (prompt: string, tool: string, args: Record<string, unknown>, abridge: (data: unknown) => unknown) => {
          const result = await server.call(tool, args);
          const envelope = result.raw.structuredContent as { ok: boolean; workspace?: string; region?: string; error?: unknown };
          expect({ tool, ok: result.ok, error: result.error }).toEqual({ tool, ok: true, error: undefined });
          lines.push(
            `**Prompt: "${prompt}"**`,
            '',
            '```text',
            `→ ${tool} ${JSON.stringify(args)}`,
            `← ${JSON.stringify({ ok: envelope.ok, workspace: envelope.workspace, region: envelope.region, data: abridge(result.data) })}`,
            '```',
            '',
          );
          return result.data;
        };

        const listed = (await record('Which servers do I have in acme?', 'list_servers', { workspace: 'acme' }, (data) => ({
          count: (data as { count: number }).count,
          names: (data as { results: { name: string }[] }).results.map((s) => s.name),
        }))) as { results: { id: string; name: string; is_connected: boolean }[] };
        const web = listed.results.find((s) => s.name === 'web-01' && s.is_connected) ?? listed.results[0];

        await record(`How many CPUs does ${web.name} have?`, 'execute_command', { server_id: web.id, command: 'hostname; nproc', workspace: 'acme', shell: 'system' }, (data) => ({
          exit_code: (data as { exit_code: number }).exit_code,
          output: (data as { output: string }).output.trim(),
        }));

        const content = Buffer.from('listen 8080\n').toString('base64');
        await record('Put this app.conf on the lab\'s web-01', 'webftp_upload_content', {
          server_id: web.id, file_content: content, remote_file_path: '/tmp/', file_name: 'app.conf', workspace: 'lab', allow_overwrite: true,
        }, (data) => ({ remote_file_path: (data as { remote_file_path: string }).remote_file_path, size: (data as { size: number }).size }));
        expect((await sandbox.world.host(web.id).fs.readFile('/tmp/app.conf')).toString()).toBe('listen 8080\n');
      } finally {
        await server.close();
      }
      lines.push(
        'The region was never given: `acme` is configured only in ap1 and `lab` only in us1, so each call found its own. `acme` went to',
        'its pinned `url`, `lab` to the URL in `ALPACON_MCP_US1_LAB_URL`; `shell`, `file_content`, `file_name` and `allow_overwrite` are the',
        'Python argument names.',
      );
      await section('transcript', lines.join('\n'));
    });
  });
});

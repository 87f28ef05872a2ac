/** The files of a new plugin package: the same layout, settings and test style as examples/alpacon-plugin-disk-report. */
export interface TemplateInput {
  /** npm package name, also the plugin's manifest name. */
  name: string;
  /** Prefix of the sample tool's name (snake_case). */
  toolPrefix: string;
  /** Where alpacon-mcp comes from while developing: `file:/path/to/alpacon-mcp` (a folder or a .tgz). */
  host: string;
  /** Semver range of alpacon-mcp the plugin declares. */
  hostRange: string;
}

export function pluginFiles(input: TemplateInput): Record<string, string> {
  const tool = `${input.toolPrefix}_server_summary`;
  return {
    'package.json': `${JSON.stringify(
      {
        name: input.name,
        version: '0.1.0',
        description: 'An alpacon-mcp plugin',
        type: 'module',
        exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
        files: ['dist'],
        scripts: {
          build: 'tsc -p tsconfig.json',
          test: 'tsc -p tsconfig.json && node --test test/plugin.test.js',
          prepack: 'tsc -p tsconfig.json',
        },
        // Optional: installed beside alpacon-mcp it binds to that copy; installed alone (~/.alpacon-mcp) the host provides itself.
        peerDependencies: { 'alpacon-mcp': input.hostRange },
        peerDependenciesMeta: { 'alpacon-mcp': { optional: true } },
        devDependencies: { 'alpacon-mcp': input.host, typescript: '5.9.3' },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          declaration: true,
          outDir: 'dist',
          rootDir: 'src',
          skipLibCheck: true,
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
    '.gitignore': 'node_modules\ndist\n*.tgz\n',
    'src/dto.ts': `import { IsBoolean, IsOptional, JSONSchema, ServerInput } from 'alpacon-mcp';

/** Input of ${tool}: ServerInput brings server_id, workspace and region. Every property needs a description. */
export class ServerSummaryInput extends ServerInput {
  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Include the raw server record too' })
  raw?: boolean;
}
`,
    'src/tools.ts': `import { ALPACON, Effects, inject, injectable, reply, Tool, type AlpaconClient, type ToolContext } from 'alpacon-mcp';
import { ServerSummaryInput } from './dto.js';

interface ServerRecord {
  id: string;
  name: string;
  os_name?: string;
  is_connected?: boolean;
}

@injectable()
export class SummaryTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: '${tool}',
    title: 'Server summary',
    description: 'Name, OS and connection state of one server. server_id comes from list_servers.',
    input: ServerSummaryInput,
    annotations: Effects.read,
  })
  async serverSummary({ server_id, raw, ...target }: ServerSummaryInput, ctx: ToolContext) {
    const server = await this.alpacon.get<ServerRecord>(target, \`/api/servers/servers/\${server_id}/\`, { signal: ctx.signal });
    const summary = { id: server.id, name: server.name, os: server.os_name ?? null, connected: server.is_connected === true };
    return reply(raw ? { ...summary, raw: server } : summary, \`\${server.name}: \${summary.connected ? 'connected' : 'not connected'}\`);
  }
}
`,
    'src/index.ts': `import { definePlugin } from 'alpacon-mcp';
import { SummaryTools } from './tools.js';

export default definePlugin({
  name: '${input.name}', // must be the package name
  description: 'Server summaries',
  host: '${input.hostRange}',
  tools: [SummaryTools],
  instructions: '${tool}: name, OS and connection state of one server.',
});
`,
    'test/plugin.test.js': `// Runs the plugin in a real alpacon-mcp host in-process against the local Alpacon sandbox: no account, no network.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connectPlugin, startSandbox } from 'alpacon-mcp/testing';
import plugin from '../dist/index.js';

let sandbox;
let connection;

before(async () => {
  sandbox = await startSandbox({ servers: 2 });
  connection = await connectPlugin(plugin, { sandbox });
});

after(async () => {
  await connection.close();
  await sandbox.stop();
});

test('${tool} answers through MCP', async () => {
  assert.deepEqual((await connection.list()).map((t) => t.name), ['${tool}']);
  const [server] = sandbox.world.servers.all();
  const result = await connection.call('${tool}', { server_id: server.id });
  assert.equal(result.ok, true, JSON.stringify(result.error));
  assert.equal(result.data.name, server.name);
});

test('invalid input is refused before any request', async () => {
  const result = await connection.call('${tool}', { server_id: 'not-a-uuid' });
  assert.equal(result.error?.code, 'invalid_input');
});
`,
    'README.md': `# ${input.name}

An [alpacon-mcp](https://github.com/alpacax/alpacon-mcp) plugin.

\`\`\`bash
npm install   # alpacon-mcp from ${input.host} (devDependency)
npm test      # builds, then runs test/ against the local Alpacon sandbox
npm pack      # the package to install beside alpacon-mcp
\`\`\`

Then, where alpacon-mcp runs: \`npm install ./${input.name.replace(/^@/, '').replace('/', '-')}-0.1.0.tgz\` and add \`"${input.name}"\` to \`plugins\` in \`.alpaconrc\`.
`,
  };
}

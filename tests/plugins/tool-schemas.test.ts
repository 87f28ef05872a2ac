import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { titleAddsWords } from '../../core/registry/listing-text.js';
import { connect, type Connected } from '../helpers/in-process.js';

/**
 * tools/list budgets, set from measurement (issue 18, docs/proof.md): a test fails when a change grows the list past them, so
 * growth is a decision. Bytes of compact JSON; ~4 bytes a token.
 */
const BUDGET = {
  /** Issue 18's goal: the default plugin set with one workspace configured (workspace and region not published). */
  defaultOneWorkspacePerTool: 600,
  defaultOneWorkspaceTotal: 43_000,
  /** The largest single tool of the default set, one workspace (webftp_download_file, execute_command_multi_server). */
  largestTool: 1_150,
  /** Every built-in plugin ("plugins": ["all"]), one workspace. */
  allOneWorkspaceTotal: 111_000,
  /** Every built-in plugin, no workspace configured (workspace and region published in every Alpacon tool). */
  allTotal: 130_000,
  /** The default plugin set, no workspace configured. */
  defaultTotal: 50_500,
  /** Read-only mode with the default plugins, one workspace. */
  readOnlyTotal: 22_000,
  /** Average of name + description + input schema + annotations per tool (issue 4's definition), all plugins. */
  averageCore: 660,
};

const ONE_WORKSPACE = { ALPACON_MCP_AP1_ACME_TOKEN: 'token-of-the-only-workspace' };
const listBytes = (tools: Tool[]) => Buffer.byteLength(JSON.stringify({ tools }));
const coreBytes = (tool: Tool) =>
  Buffer.byteLength(JSON.stringify({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema, annotations: tool.annotations }));

async function toolsOf(rc: Record<string, unknown>, env: Record<string, string> = {}): Promise<Tool[]> {
  const c = await connect({ rc, env });
  try {
    return (await c.client.listTools()).tools;
  } finally {
    await c.close();
  }
}

describe('tool schemas of all built-in plugins', () => {
  let c: Connected;
  let tools: Tool[];
  beforeAll(async () => {
    // Output schemas on, so the snapshot covers them too.
    c = await connect({ rc: { plugins: ['all'], outputSchemas: true }, env: {} });
    tools = (await c.client.listTools()).tools;
  });
  afterAll(async () => c?.close());

  it('match the snapshot (a schema change must be deliberate: update with jest -u)', () => {
    const surface = tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      annotations: tool.annotations,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema ?? null,
    }));
    expect(surface).toMatchSnapshot();
  });

  it('every tool states all four behaviour hints, and a title wherever it says more than the name', () => {
    for (const tool of tools) {
      const a = tool.annotations ?? {};
      expect({ tool: tool.name, hints: [a.readOnlyHint, a.destructiveHint, a.idempotentHint, a.openWorldHint].map((h) => typeof h) })
        .toEqual({ tool: tool.name, hints: ['boolean', 'boolean', 'boolean', 'boolean'] });
      // The registry keeps every title (confirmations name the tool by it); tools/list leaves out one made of the name's words.
      const title = c.app.registry.get(tool.name)?.title ?? '';
      expect(title.trim()).not.toBe('');
      expect({ tool: tool.name, title: tool.title }).toEqual({ tool: tool.name, title: titleAddsWords(title, tool.name) ? title : undefined });
    }
    expect(tools.filter((t) => t.title === undefined).map((t) => t.name)).toEqual(expect.arrayContaining(['list_servers', 'get_server']));
    expect(tools.find((t) => t.name === 'execute_command')?.title).toBe('Run a command (Websh, pooled)');
  });

  it('every argument published without a description is explained in the server instructions', () => {
    const instructions = c.client.getInstructions() ?? '';
    const explained = new Set([...instructions.matchAll(/[-;:.] ((?:[a-z_]+, )*[a-z_]+): /g)].flatMap((m) => m[1].split(', ')));
    for (const name of ['workspace', 'region']) expect(instructions).toContain(`"${name}"`);
    const undescribed = tools.flatMap((tool) =>
      Object.entries((tool.inputSchema.properties ?? {}) as Record<string, { description?: string }>)
        .filter(([name, p]) => p.description === undefined && !['workspace', 'region'].includes(name))
        .map(([name]) => `${tool.name}.${name}`),
    );
    expect(undescribed.length).toBeGreaterThan(100);
    expect(undescribed.filter((arg) => !explained.has(arg.split('.')[1]))).toEqual([]);
  });

  it('every tool that runs a command line lets the command policy see it', () => {
    const registry = c.app.registry;
    // Tools of the domains that run commands; elsewhere a "command" field is data (e.g. a command ACL pattern).
    const runsCommands = tools.filter((tool) => {
      const props = Object.keys((tool.inputSchema.properties ?? {}) as object);
      const plugin = registry.get(tool.name)?.plugin ?? '';
      return ['command', 'websh'].includes(plugin) && (props.includes('command') || props.includes('commands'));
    });
    expect(runsCommands.length).toBeGreaterThanOrEqual(8);
    for (const tool of runsCommands) {
      const declared = registry.get(tool.name)?.commandFields ?? [];
      const props = Object.keys((tool.inputSchema.properties ?? {}) as object).filter((p) => p === 'command' || p === 'commands');
      expect({ tool: tool.name, declared: [...declared].sort() }).toEqual({ tool: tool.name, declared: props.sort() });
    }
  });

  it('a non-destructive tool with an overwrite switch is treated as destructive when it is on', () => {
    const withOverwrite = tools.filter((tool) => 'overwrite' in ((tool.inputSchema.properties ?? {}) as object) && !tool.annotations?.destructiveHint);
    expect(withOverwrite.length).toBeGreaterThan(0);
    for (const tool of withOverwrite) {
      expect({ tool: tool.name, destructiveIf: c.app.registry.get(tool.name)?.destructiveIf }).toEqual({ tool: tool.name, destructiveIf: ['overwrite'] });
    }
  });

  it('keeps tools/list within its measured budgets', async () => {
    const all = await toolsOf({ plugins: ['all'] });
    const allOneWorkspace = await toolsOf({ plugins: ['all'] }, ONE_WORKSPACE);
    const defaults = await toolsOf({});
    const oneWorkspace = await toolsOf({}, ONE_WORKSPACE);
    const readOnly = await toolsOf({ readOnly: true }, ONE_WORKSPACE);
    const largest = oneWorkspace.map((t) => ({ name: t.name, bytes: Buffer.byteLength(JSON.stringify(t)) })).sort((a, b) => b.bytes - a.bytes)[0];
    const sizes = {
      defaultOneWorkspacePerTool: Math.round(listBytes(oneWorkspace) / oneWorkspace.length),
      defaultOneWorkspaceTotal: listBytes(oneWorkspace),
      largestTool: largest.bytes,
      allOneWorkspaceTotal: listBytes(allOneWorkspace),
      allTotal: listBytes(all),
      defaultTotal: listBytes(defaults),
      readOnlyTotal: listBytes(readOnly),
      averageCore: Math.round(tools.reduce((sum, t) => sum + coreBytes(t), 0) / tools.length),
    };
    const plugin = (name: string) => c.app.registry.get(name)?.plugin ?? '?';
    const byPlugin = new Map<string, Tool[]>();
    for (const tool of allOneWorkspace) byPlugin.set(plugin(tool.name), [...(byPlugin.get(plugin(tool.name)) ?? []), tool]);
    const perPlugin = [...byPlugin].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => {
      const bytes = listBytes(list);
      return `${name} ${list.length} tools ${bytes} B (${Math.round(bytes / list.length)} B a tool, ~${Math.round(bytes / 4)} tokens)`;
    });
    process.stderr.write(
      `tools/list: default, one workspace ${oneWorkspace.length} tools ${sizes.defaultOneWorkspaceTotal} B (${sizes.defaultOneWorkspacePerTool} B a tool, ~${Math.round(sizes.defaultOneWorkspaceTotal / 4)} tokens; largest ${largest.name} ${largest.bytes} B); ` +
        `all, one workspace ${allOneWorkspace.length} tools ${sizes.allOneWorkspaceTotal} B; all ${sizes.allTotal} B; default ${sizes.defaultTotal} B; ` +
        `read-only ${readOnly.length} tools ${sizes.readOnlyTotal} B; average name+description+input+annotations ${sizes.averageCore} B\n` +
        `by plugin (all, one workspace): ${perPlugin.join('; ')}\n`,
    );
    for (const key of Object.keys(BUDGET) as (keyof typeof BUDGET)[]) {
      expect({ [key]: sizes[key] <= BUDGET[key] }).toEqual({ [key]: true });
    }
  });
});

describe('deferred tool loading support', () => {
  it('every tool carries a search hint under the keys Claude Code reads, and only a small core set is marked always-load', async () => {
    const c = await connect({ rc: { plugins: ['all'] }, env: {} });
    try {
      const { tools } = await c.client.listTools();
      const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
      for (const tool of tools) {
        expect(Object.keys(tool._meta ?? {}).filter((key) => key.startsWith('alpacon/'))).toEqual([]);
        const hint = tool._meta?.['anthropic/searchHint'];
        // An always-loaded tool is never searched; any other carries only words its name and description lack.
        if (tool._meta?.['anthropic/alwaysLoad'] === true) {
          expect({ tool: tool.name, hint }).toEqual({ tool: tool.name, hint: undefined });
          continue;
        }
        expect({ tool: tool.name, hint: typeof hint }).toEqual({ tool: tool.name, hint: 'string' });
        const known = new Set([...words(tool.name), ...words(tool.description ?? '')]);
        expect({ tool: tool.name, repeated: String(hint).split(' ').filter((w) => known.has(w.toLowerCase())) }).toEqual({ tool: tool.name, repeated: [] });
        expect(String(hint).length).toBeGreaterThan(0);
      }
      // The Python server's always-load set (tools/*.py meta), where the same tools exist here.
      const always = tools.filter((t) => t._meta?.['anthropic/alwaysLoad'] === true).map((t) => t.name).sort();
      expect(always).toEqual(
        expect.arrayContaining(['execute_command', 'get_server', 'get_server_metrics_summary', 'get_server_overview', 'health_check', 'list_alerts', 'list_servers', 'list_workspaces']),
      );
      expect(always.length).toBeLessThanOrEqual(8);
    } finally {
      await c.close();
    }
  });

  it('the server instructions summarize each enabled plugin', async () => {
    const c = await connect({ rc: { plugins: ['servers', 'websh'] }, env: {} });
    try {
      const instructions = c.client.getInstructions() ?? '';
      expect(instructions).toMatch(/workspace/);
      expect(instructions).toMatch(/- servers: /);
      expect(instructions).toMatch(/- websh: /);
      expect(instructions).not.toMatch(/- webftp: /);
    } finally {
      await c.close();
    }
  });
});

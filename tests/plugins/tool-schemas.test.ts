import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { connect, type Connected } from '../helpers/in-process.js';

/**
 * tools/list budgets, set from measurement (see the closing note of issue 9 and docs/proof.md): a test fails when a change grows
 * the list past them, so growth is a decision. Bytes of compact JSON.
 */
const BUDGET = {
  /** Whole tools/list of every built-in plugin ("plugins": ["all"]), no workspace configured (so workspace/region published).
   * Issue 15 added the 27 tools the Python server had (~24 kB). */
  allTotal: 171_000,
  /** Whole tools/list of the default plugin set, no workspace configured. Issue 15: health_check, webftp_bulk_upload,
   * webftp_bulk_download (~4 kB). */
  defaultTotal: 71_000,
  /** The default set with one workspace configured: workspace and region are not published (issue 18). */
  defaultOneWorkspaceTotal: 58_000,
  /** Read-only mode with the default plugins. */
  readOnlyTotal: 36_000,
  /** Average of name + description + input schema + annotations per tool (issue 4's definition), all plugins. */
  averageCore: 840,
};

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

  it('every tool states all four behaviour hints and a title', () => {
    for (const tool of tools) {
      const a = tool.annotations ?? {};
      expect({ tool: tool.name, hints: [a.readOnlyHint, a.destructiveHint, a.idempotentHint, a.openWorldHint].map((h) => typeof h) })
        .toEqual({ tool: tool.name, hints: ['boolean', 'boolean', 'boolean', 'boolean'] });
      expect(typeof tool.title).toBe('string');
    }
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
    const defaults = await toolsOf({});
    const oneWorkspace = await toolsOf({}, { ALPACON_MCP_AP1_ACME_TOKEN: 'token-of-the-only-workspace' });
    const readOnly = await toolsOf({ readOnly: true });
    const averageCore = Math.round(tools.reduce((sum, t) => sum + coreBytes(t), 0) / tools.length);
    const sizes = {
      allTotal: listBytes(all),
      defaultTotal: listBytes(defaults),
      defaultOneWorkspaceTotal: listBytes(oneWorkspace),
      readOnlyTotal: listBytes(readOnly),
      averageCore,
    };
    process.stderr.write(
      `tools/list: all ${all.length} tools ${sizes.allTotal} B (~${Math.round(sizes.allTotal / 4)} tokens); ` +
        `default ${defaults.length} tools ${sizes.defaultTotal} B (~${Math.round(sizes.defaultTotal / 4)} tokens); ` +
        `default, one workspace ${sizes.defaultOneWorkspaceTotal} B (${Math.round(sizes.defaultOneWorkspaceTotal / oneWorkspace.length)} B a tool); ` +
        `read-only ${readOnly.length} tools ${sizes.readOnlyTotal} B; average name+description+input+annotations ${averageCore} B\n`,
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
      for (const tool of tools) {
        expect({ tool: tool.name, hint: typeof tool._meta?.['anthropic/searchHint'] }).toEqual({ tool: tool.name, hint: 'string' });
        expect(Object.keys(tool._meta ?? {}).filter((key) => key.startsWith('alpacon/'))).toEqual([]);
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

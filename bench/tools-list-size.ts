import { inProcess } from './lib/in-process.js';

export interface ListSize {
  tools: number;
  bytes: number;
  bytes_per_tool: number;
  /** ≈ bytes / 4, the usual rule of thumb for JSON in model context. */
  estimated_tokens: number;
}

export interface ToolsListSizeResult {
  /** One workspace configured: workspace and region are not published. */
  default_set: ListSize;
  /** No default workspace and several (or no) workspaces: every Alpacon tool publishes workspace and region. */
  default_set_any_workspace: ListSize;
  all_plugins: ListSize;
  read_only: ListSize;
  /** All plugins, one workspace, by plugin. */
  by_plugin: Record<string, ListSize>;
  /** The default set's server instructions (sent once; they explain the arguments schemas leave undescribed). */
  default_instructions: { bytes: number; estimated_tokens: number };
  /** Goal: ≤ 600 B a tool for the default set. */
  target_met: boolean;
  /** v1's figures: no workspace configured, bytes of the compact JSON of the tools array alone. */
  v1: { all_plugins: V1ListSize; default_set: V1ListSize; read_only: V1ListSize };
}

export interface V1ListSize {
  tools: number;
  bytes: number;
  estimated_tokens: number;
}

function v1Size(tools: readonly unknown[]): V1ListSize {
  const bytes = Buffer.byteLength(JSON.stringify(tools));
  return { tools: tools.length, bytes, estimated_tokens: Math.round(bytes / 4) };
}

const ONE_WORKSPACE = { url: 'http://127.0.0.1:9', token: 'bench-token-of-the-only-workspace', region: 'ap1', workspace: 'acme' };

function size(tools: readonly unknown[]): ListSize {
  const bytes = Buffer.byteLength(JSON.stringify({ tools }));
  return { tools: tools.length, bytes, bytes_per_tool: Math.round(bytes / Math.max(1, tools.length)), estimated_tokens: Math.round(bytes / 4) };
}

async function listed(rc: object, oneWorkspace: boolean): Promise<{ tools: { name: string }[]; plugin: (name: string) => string; instructions: string }> {
  const app = await inProcess(rc, oneWorkspace ? ONE_WORKSPACE : undefined);
  try {
    const { tools } = await app.client.listTools();
    const plugins = new Map(tools.map((t) => [t.name, app.app.registry.get(t.name)?.plugin ?? '?']));
    return { tools, plugin: (name) => plugins.get(name) ?? '?', instructions: app.client.getInstructions() ?? '' };
  } finally {
    await app.close();
  }
}

/** Compact JSON size of the tools/list answer: default set, all plugins, read-only, and per plugin. */
export async function toolsListSize(): Promise<ToolsListSizeResult> {
  const all = await listed({ plugins: ['all'] }, true);
  const byPlugin: Record<string, unknown[]> = {};
  for (const tool of all.tools) (byPlugin[all.plugin(tool.name)] ??= []).push(tool);
  const defaultList = await listed({}, true);
  const defaults = size(defaultList.tools);
  const instructionBytes = Buffer.byteLength(defaultList.instructions);
  const anyWorkspace = (await listed({}, false)).tools;
  return {
    default_set: defaults,
    default_set_any_workspace: size(anyWorkspace),
    all_plugins: size(all.tools),
    read_only: size((await listed({ readOnly: true }, true)).tools),
    by_plugin: Object.fromEntries(Object.entries(byPlugin).sort(([a], [b]) => a.localeCompare(b)).map(([name, tools]) => [name, size(tools)])),
    default_instructions: { bytes: instructionBytes, estimated_tokens: Math.round(instructionBytes / 4) },
    target_met: defaults.bytes_per_tool <= 600,
    v1: {
      all_plugins: v1Size((await listed({ plugins: ['all'] }, false)).tools),
      default_set: v1Size(anyWorkspace),
      read_only: v1Size((await listed({ readOnly: true }, false)).tools),
    },
  };
}

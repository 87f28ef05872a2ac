import { ConfigError } from '../errors/index.js';

/** What one toolset name of the Python alpacon-mcp server (`--toolsets`, ALPACON_MCP_TOOLSETS) selects here. */
interface ToolsetMapping {
  plugins: readonly string[];
  /** Single tools the Python toolset holds that live in another plugin here. */
  tools?: readonly string[];
}

/** The Python server's TOOLSET_REGISTRY (server.py), module by module, onto the plugins holding the same tools. */
export const PYTHON_TOOLSETS: Readonly<Record<string, ToolsetMapping>> = {
  servers: { plugins: ['servers', 'server-admin'] },
  commands: { plugins: ['command', 'websh'] },
  webftp: { plugins: ['webftp'] },
  metrics: { plugins: ['metrics'] },
  alerts: { plugins: ['alerts'] },
  events: { plugins: ['events'] },
  'system-info': { plugins: ['sysinfo'], tools: ['get_server_overview'] },
  iam: { plugins: ['iam', 'iam-apps'] },
  security: { plugins: ['security'] },
  audit: { plugins: ['audit'] },
  approvals: { plugins: ['approvals'] },
  webhooks: { plugins: ['webhooks'] },
  packages: { plugins: ['packages'] },
  certs: { plugins: ['certs'] },
  tokens: { plugins: ['tokens'] },
};

/**
 * The Python server's ALWAYS_ON modules (workspace, health, work-sessions, prompts): registered whatever --toolsets says, and
 * accepted in it as names that select nothing more.
 */
export const ALWAYS_ON_TOOLSETS: Readonly<Record<string, readonly string[]>> = {
  workspace: ['workspace', 'workspace-settings'],
  health: ['workspace'],
  'work-sessions': ['work-sessions'],
  prompts: ['runbooks'],
};

export interface ToolsetSelection {
  plugins: string[];
  /** Tools to add one by one (tools.include). */
  tools: string[];
}

/**
 * Turns a comma-separated toolset list into plugins and single tools. Python toolset names, this server's own plugin names and
 * `all` are accepted, case-insensitively; an unknown name is an error listing the valid ones (as the Python server does).
 */
export function selectToolsets(raw: string, builtinPlugins: readonly string[], source: string): ToolsetSelection {
  const names = raw.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  const known = (n: string) => n === 'all' || n in PYTHON_TOOLSETS || n in ALWAYS_ON_TOOLSETS || builtinPlugins.includes(n);
  const unknown = names.filter((n) => !known(n));
  if (unknown.length > 0) {
    const valid = [...Object.keys(PYTHON_TOOLSETS), ...Object.keys(ALWAYS_ON_TOOLSETS), 'all'].join(', ');
    throw new ConfigError(`unknown toolset(s): ${unknown.join(', ')}`, source, `Valid toolsets: ${valid} (or plugin names: ${builtinPlugins.join(', ')}).`);
  }
  const alwaysOn = Object.values(ALWAYS_ON_TOOLSETS).flat();
  if (names.length === 0 || names.includes('all')) return { plugins: [...builtinPlugins], tools: [] };
  const plugins = new Set<string>(alwaysOn);
  const tools = new Set<string>();
  for (const name of names) {
    const mapped = PYTHON_TOOLSETS[name] ?? { plugins: ALWAYS_ON_TOOLSETS[name] ?? [name] };
    for (const plugin of mapped.plugins) plugins.add(plugin);
    for (const tool of mapped.tools ?? []) tools.add(tool);
  }
  return { plugins: [...plugins].filter((p) => builtinPlugins.includes(p)), tools: [...tools] };
}

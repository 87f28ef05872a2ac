/** What became of one configured plugin: shown by `alpacon-mcp plugins` and, when skipped, in the server instructions. */
export interface PluginStatus {
  name: string;
  origin: 'builtin' | 'package';
  state: 'loaded' | 'skipped';
  /** Tools the plugin contributed (before tool selection: read-only mode, include/exclude). */
  tools: string[];
  resources: string[];
  prompts: string[];
  /** Why it was skipped, and what fixes it. */
  reason?: string;
  hint?: string;
  /** The package's entry file, for a plugin loaded from a package. */
  entry?: string;
}

export function skippedStatus(name: string, origin: PluginStatus['origin'], error: { message: string; hint?: string }): PluginStatus {
  return { name, origin, state: 'skipped', tools: [], resources: [], prompts: [], reason: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

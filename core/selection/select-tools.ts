import { ConfigError } from '../errors/index.js';
import type { RegisteredTool } from '../registry/tool-definition.js';
import { closeMatches, matchesAny, patternToRegExp } from './name-pattern.js';

export interface SelectionRules {
  /** Plugins the deployment enabled. */
  plugins: readonly string[];
  include: readonly string[];
  exclude: readonly string[];
  readOnly: boolean;
  disableDestructive: boolean;
}

/**
 * Decides which tools are served, from each tool's own annotations: enabled plugins' tools plus `include`,
 * minus `exclude` (always wins), then read-only / no-destructive modes (which `include` cannot override).
 */
export function selectTools(candidates: readonly RegisteredTool[], rules: SelectionRules): RegisteredTool[] {
  const names = candidates.map((t) => t.name);
  const unknown = [...rules.include, ...rules.exclude].filter((p) => !names.some((n) => patternToRegExp(p).test(n)));
  if (unknown.length > 0) {
    const described = unknown.map((p) => {
      const near = closeMatches(p, names);
      return near.length > 0 ? `"${p}" (did you mean ${near.join(', ')}?)` : `"${p}"`;
    });
    throw new ConfigError(`tools.include/tools.exclude name no known tool: ${described.join(', ')}`, undefined, 'Use tool names from tools/list; patterns like webftp_* are allowed.');
  }
  return candidates.filter((tool) => {
    const wanted = rules.plugins.includes(tool.plugin) || matchesAny(tool.name, rules.include);
    if (!wanted || matchesAny(tool.name, rules.exclude)) return false;
    if (rules.readOnly && !tool.effects.readOnly) return false;
    if (rules.disableDestructive && tool.effects.destructive) return false;
    return true;
  });
}

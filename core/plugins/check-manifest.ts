// Two functions of semver, not its index (which loads all of it at start-up).
import satisfies from 'semver/functions/satisfies.js';
import validRange from 'semver/ranges/valid.js';
import { PluginError } from '../errors/index.js';
import { CORE_VERSION } from '../version.js';
import type { PluginManifest } from './manifest.js';

/** Checks an imported module against the plugin contract; throws a PluginError that says what is wrong. */
export function checkManifest(label: string, module: unknown): PluginManifest {
  const candidate = pickExport(module);
  if (typeof candidate !== 'object' || candidate === null) {
    throw new PluginError(label, 'does not export a plugin manifest (export default definePlugin({...}))');
  }
  const m = candidate as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof m.name !== 'string' || !/^[a-z0-9@][\w@/.-]*$/.test(m.name)) problems.push('"name" must be a short lowercase name');
  if (typeof m.description !== 'string' || m.description.trim() === '') problems.push('"description" is required');
  if (typeof m.host !== 'string' || validRange(m.host) === null) problems.push('"host" must be a semver range of alpacon-mcp core');
  if (!Array.isArray(m.tools) || m.tools.length === 0 || !m.tools.every((t) => typeof t === 'function')) {
    problems.push('"tools" must be a non-empty list of classes with @Tool methods');
  }
  if (m.settings !== undefined && typeof m.settings !== 'function') problems.push('"settings" must be a class (the settings DTO)');
  if (m.register !== undefined && typeof m.register !== 'function') problems.push('"register" must be a function');
  const shared = m.sharedArguments;
  if (shared !== undefined && (typeof shared !== 'object' || shared === null || !Object.values(shared).every((t) => typeof t === 'string' && t.trim() !== ''))) {
    problems.push('"sharedArguments" must map argument names to their description');
  }
  if (problems.length > 0) throw new PluginError(label, problems.join('; '));
  if (!satisfies(CORE_VERSION, m.host as string, { includePrerelease: true })) {
    throw new PluginError(label, `supports alpacon-mcp core ${String(m.host)}, but this is ${CORE_VERSION}`, 'Install a version of the plugin made for this alpacon-mcp.');
  }
  return candidate as PluginManifest;
}

function pickExport(module: unknown): unknown {
  if (typeof module !== 'object' || module === null) return undefined;
  const record = module as Record<string, unknown>;
  const first = record.default ?? record.plugin;
  // A CommonJS package imported from ESM nests its exports under default.
  if (first && typeof first === 'object' && 'default' in first && !('tools' in first)) return (first as Record<string, unknown>).default;
  return first;
}

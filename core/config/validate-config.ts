import { isRegion, REGIONS } from '../dto/checks/is-region.js';
import { isWorkspaceSlug } from '../dto/checks/is-workspace-slug.js';
import { ConfigError } from '../errors/index.js';
import { parseLogLevel } from '../logger.js';
import type { AlpaconConfig } from './types.js';

const CORE_KEYS = [
  'plugins', 'baseUrl', 'defaultRegion', 'defaultWorkspace', 'tools', 'strictPlugins', 'tokenFile', 'logLevel', 'http',
  'readOnly', 'disableDestructive', 'confirmDestructive', 'outputSchemas',
] as const;
/** Top-level objects that belong to a core feature and are validated there. Every other section is named after its plugin. */
export const CORE_SECTION_KEYS = ['commands', 'audit', 'sandbox', 'server'] as const;

export interface ValidateOptions {
  source?: string;
  baseDir: string;
  builtinPlugins: readonly string[];
  defaultPlugins: readonly string[];
}

/** Checks raw config (from any cosmiconfig form) and returns the typed config, or throws one error listing every problem. */
export function validateConfig(raw: unknown, options: ValidateOptions): AlpaconConfig {
  const problems: string[] = [];
  const obj = raw ?? {};
  if (typeof obj !== 'object' || Array.isArray(obj)) throw new ConfigError('the configuration must be an object', options.source);
  const input = obj as Record<string, unknown>;

  const plugins = readPlugins(input.plugins, options, problems);
  const sectionOwners = new Set<string>([...CORE_SECTION_KEYS, ...options.builtinPlugins, ...plugins]);
  for (const key of Object.keys(input)) {
    if (!(CORE_KEYS as readonly string[]).includes(key) && !sectionOwners.has(key)) {
      problems.push(
        `unknown key "${key}": no setting of alpacon-mcp and no plugin has this name ` +
          `(settings: ${[...CORE_KEYS, ...CORE_SECTION_KEYS].join(', ')}; a plugin's section is named after the plugin and the plugin listed in "plugins")`,
      );
    }
  }
  const baseUrl = optionalString(input, 'baseUrl', problems);
  if (baseUrl !== undefined && !/^https?:\/\//.test(baseUrl)) problems.push('"baseUrl" must start with http:// or https://');
  const defaultRegion = input.defaultRegion ?? 'ap1';
  if (!isRegion(defaultRegion)) problems.push(`"defaultRegion" must be one of ${REGIONS.join(', ')}`);
  const defaultWorkspace = optionalString(input, 'defaultWorkspace', problems);
  if (defaultWorkspace !== undefined && !isWorkspaceSlug(defaultWorkspace)) {
    problems.push('"defaultWorkspace" must be 1-63 letters, digits, "_" or "-"');
  }
  const tools = readTools(input.tools, problems);
  const logLevel = parseLogLevel(optionalString(input, 'logLevel', problems) ?? 'info');
  if (!logLevel) problems.push('"logLevel" must be one of debug, info, warn, error, silent');
  const http = readHttp(input.http, problems);
  const sections: AlpaconConfig['sections'] = {};
  for (const [key, value] of Object.entries(input)) {
    if ((CORE_KEYS as readonly string[]).includes(key) || !sectionOwners.has(key)) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) problems.push(`"${key}" must be an object`);
    else sections[key] = value as Record<string, unknown>;
  }

  const strictPlugins = flag(input, 'strictPlugins', problems);
  const tokenFile = optionalString(input, 'tokenFile', problems);
  const readOnly = flag(input, 'readOnly', problems);
  const disableDestructive = flag(input, 'disableDestructive', problems);
  const confirmDestructive = flag(input, 'confirmDestructive', problems);
  const outputSchemas = flag(input, 'outputSchemas', problems);

  if (problems.length > 0) {
    throw new ConfigError(problems.join('; '), options.source, 'Fix the configuration file and start again.');
  }
  return {
    plugins,
    baseUrl,
    defaultRegion: defaultRegion as AlpaconConfig['defaultRegion'],
    defaultWorkspace,
    tools,
    strictPlugins,
    tokenFile,
    logLevel: logLevel ?? 'info',
    http,
    readOnly,
    disableDestructive,
    confirmDestructive,
    outputSchemas,
    sections,
    source: options.source,
    baseDir: options.baseDir,
  };
}

function readPlugins(value: unknown, options: ValidateOptions, problems: string[]): string[] {
  if (value === undefined) return [...options.defaultPlugins];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0)) {
    problems.push('"plugins" must be a list of plugin names');
    return [];
  }
  if (value.includes('all')) return [...options.builtinPlugins, ...value.filter((v) => v !== 'all' && isPackageName(v))];
  for (const name of value) {
    if (!options.builtinPlugins.includes(name) && !isPackageName(name)) {
      problems.push(`unknown plugin "${name}" (built-in plugins: ${options.builtinPlugins.join(', ')}; a third-party plugin is an npm package name)`);
    }
  }
  return [...new Set(value as string[])];
}

/** Third-party plugins are npm packages; scoped names or names containing "-" or "." distinguish them from typos of built-ins. */
function isPackageName(name: string): boolean {
  return /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(name) && (name.startsWith('@') || /[-.]/.test(name));
}

function readTools(value: unknown, problems: string[]): AlpaconConfig['tools'] {
  if (value === undefined) return { include: [], exclude: [] };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('"tools" must be an object with "include" and/or "exclude" lists');
    return { include: [], exclude: [] };
  }
  const t = value as Record<string, unknown>;
  for (const key of Object.keys(t)) if (key !== 'include' && key !== 'exclude') problems.push(`unknown key "tools.${key}"`);
  const list = (key: 'include' | 'exclude'): string[] => {
    const v = t[key];
    if (v === undefined) return [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    problems.push(`"tools.${key}" must be a list of tool names or patterns`);
    return [];
  };
  return { include: list('include'), exclude: list('exclude') };
}

function readHttp(value: unknown, problems: string[]): AlpaconConfig['http'] {
  const defaults = { timeoutMs: 30_000, retries: 2 };
  if (value === undefined) return defaults;
  if (typeof value !== 'object' || value === null) {
    problems.push('"http" must be an object');
    return defaults;
  }
  const h = value as Record<string, unknown>;
  const num = (key: 'timeoutMs' | 'retries', min: number, max: number): number => {
    const v = h[key];
    if (v === undefined) return defaults[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    problems.push(`"http.${key}" must be an integer from ${min} to ${max}`);
    return defaults[key];
  };
  for (const key of Object.keys(h)) if (key !== 'timeoutMs' && key !== 'retries') problems.push(`unknown key "http.${key}"`);
  return { timeoutMs: num('timeoutMs', 100, 600_000), retries: num('retries', 0, 10) };
}

function optionalString(input: Record<string, unknown>, key: string, problems: string[]): string | undefined {
  const v = input[key];
  if (v === undefined) return undefined;
  if (typeof v === 'string' && v.length > 0) return v;
  problems.push(`"${key}" must be a non-empty string`);
  return undefined;
}

function flag(input: Record<string, unknown>, key: string, problems: string[]): boolean {
  const v = input[key];
  if (v === undefined) return false;
  if (typeof v === 'boolean') return v;
  problems.push(`"${key}" must be true or false`);
  return false;
}

import { pathToFileURL } from 'node:url';
import { PluginError, isAlpaconMcpError, type AlpaconMcpError } from '../errors/index.js';
import { letPluginsImportHost } from './host-import.js';
import type { PluginManifest } from './manifest.js';
import { skippedStatus, type PluginStatus } from './plugin-status.js';
import { resolvePackage } from './resolve-package.js';

/** Built-in plugins by short name, imported lazily so unused domains cost nothing at start-up. */
export type BuiltinPlugins = Readonly<Record<string, () => Promise<unknown>>>;

export interface LoadPluginsOptions {
  builtins: BuiltinPlugins;
  /** Folders third-party packages resolve from, in order (see pluginSearchFolders). */
  resolveFrom: readonly string[];
}

export interface LoadedPlugin {
  manifest: PluginManifest;
  origin: PluginStatus['origin'];
  entry?: string;
}

export interface LoadResult {
  loaded: LoadedPlugin[];
  /** Third-party plugins that failed to load, with the reason; the caller applies the failure policy. */
  failed: { status: PluginStatus; error: AlpaconMcpError }[];
}

/** Loads the named plugins in order. A built-in that fails is a bug and throws; a third-party failure is collected. */
export async function loadPlugins(names: readonly string[], options: LoadPluginsOptions): Promise<LoadResult> {
  const result: LoadResult = { loaded: [], failed: [] };
  for (const name of names) {
    const builtin = options.builtins[name];
    if (builtin) {
      result.loaded.push({ manifest: await importManifest(name, builtin), origin: 'builtin' });
      continue;
    }
    try {
      result.loaded.push(await loadThirdParty(name, options.resolveFrom));
    } catch (error) {
      const failure = asPluginError(name, error);
      result.failed.push({ status: skippedStatus(name, 'package', failure), error: failure });
    }
  }
  return result;
}

/** Imports a plugin module and checks its manifest (the checker, with semver, is itself loaded only then). */
export async function importManifest(name: string, load: () => Promise<unknown>): Promise<PluginManifest> {
  const module = await load();
  const { checkManifest } = await import('./check-manifest.js');
  return checkManifest(name, module);
}

/** Any failure of a plugin as one PluginError naming it (an import error carries the module's own message). */
export function asPluginError(name: string, error: unknown): AlpaconMcpError {
  if (isAlpaconMcpError(error)) return error;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new PluginError(name, `failed to load: ${message}`);
}

async function loadThirdParty(name: string, resolveFrom: readonly string[]): Promise<LoadedPlugin> {
  const entry = resolvePackage(name, resolveFrom);
  if (!entry) {
    throw new PluginError(
      name,
      `package not found (looked in the node_modules of ${resolveFrom.join(', ')})`,
      `Install it next to your .alpaconrc (npm install ${name}) or into ~/.alpacon-mcp (npm install --prefix ~/.alpacon-mcp ${name}).`,
    );
  }
  letPluginsImportHost();
  const manifest = await importManifest(name, () => import(pathToFileURL(entry).href));
  if (manifest.name !== name) {
    throw new PluginError(
      name,
      `its manifest is named "${manifest.name}", but it is configured and installed as "${name}"`,
      `A third-party plugin's manifest name must be its package name: set name: '${name}' in definePlugin({...}) and rebuild.`,
    );
  }
  return { manifest, origin: 'package', entry };
}

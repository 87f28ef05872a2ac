import { pathToFileURL } from 'node:url';
import { PluginError, isAlpaconMcpError } from '../errors/index.js';
import type { Logger } from '../logger.js';
import { checkManifest } from './check-manifest.js';
import type { PluginManifest } from './manifest.js';
import { resolvePackage } from './resolve-package.js';

/** Built-in plugins by short name, imported lazily so unused domains cost nothing at start-up. */
export type BuiltinPlugins = Readonly<Record<string, () => Promise<unknown>>>;

export interface LoadPluginsOptions {
  builtins: BuiltinPlugins;
  /** Folders third-party packages resolve from: the config file's folder, then the working directory. */
  resolveFrom: readonly string[];
  strict: boolean;
  log: Logger;
}

/** Loads the named plugins in order. A broken third-party plugin is reported and skipped (fatal when strict). */
export async function loadPlugins(names: readonly string[], options: LoadPluginsOptions): Promise<PluginManifest[]> {
  const loaded: PluginManifest[] = [];
  for (const name of names) {
    const builtin = options.builtins[name];
    if (builtin) {
      loaded.push(checkManifest(name, await builtin()));
      continue;
    }
    try {
      loaded.push(await loadThirdParty(name, options.resolveFrom));
    } catch (error) {
      const failure = isAlpaconMcpError(error) ? error : new PluginError(name, `failed to load: ${(error as Error).message}`);
      if (options.strict) throw failure;
      options.log.warn(`skipping plugin: ${failure.message}`, failure.hint ? { hint: failure.hint } : undefined);
    }
  }
  return loaded;
}

async function loadThirdParty(name: string, resolveFrom: readonly string[]): Promise<PluginManifest> {
  const entry = resolvePackage(name, resolveFrom);
  if (!entry) {
    throw new PluginError(name, `package not found (looked from ${resolveFrom.join(', ')})`, `Install it next to your .alpaconrc: npm install ${name}`);
  }
  const module: unknown = await import(pathToFileURL(entry).href);
  return checkManifest(name, module);
}

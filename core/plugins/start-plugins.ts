import type { DependencyContainer } from 'tsyringe';
import type { AlpaconConfig } from '../config/types.js';
import type { Logger } from '../logger.js';
import type { ContextRegistry } from '../registry/context-registry.js';
import type { ToolRegistry } from '../registry/tool-registry.js';
import { importManifest, loadPlugins, type BuiltinPlugins } from './load-plugins.js';
import type { PluginManifest } from './manifest.js';
import { deferPlugin, mountPlugins, type MountOptions } from './mount-plugins.js';
import { defaultSettings, validatePluginSections } from './plugin-settings.js';
import type { PluginStatus } from './plugin-status.js';
import { PreparedPlugins } from './prepared-plugins.js';

export interface StartPluginsOptions {
  config: AlpaconConfig;
  builtins: BuiltinPlugins;
  /** Folders third-party packages resolve from, in order (see pluginSearchFolders). */
  resolveFrom: readonly string[];
  /** The build step's prepared descriptions of the built-in plugins (a file, or data made in memory). */
  prepared?: string | URL | PreparedPlugins;
  /** The core services' container, made on first use. */
  container: () => DependencyContainer;
  registry: ToolRegistry;
  context: ContextRegistry;
  log: Logger;
}

export interface StartedPlugins {
  /** Every configured plugin: loaded (with what it contributes) or skipped (with why), in config order. */
  statuses: PluginStatus[];
  /** What each plugin offers for the server instructions, in config order. */
  offers: Pick<PluginManifest, 'name' | 'instructions' | 'sharedArguments'>[];
}

/**
 * Registers the configured plugins. A built-in plugin with a current prepared description and no section in the config is
 * listed from that description and imported on its first call; every other plugin is imported and mounted now (a section is
 * validated by the plugin's own settings DTO at start, so a mistake stops the server before it serves).
 */
export async function startPlugins(options: StartPluginsOptions): Promise<StartedPlugins> {
  const { config, builtins } = options;
  const prepared = options.prepared instanceof PreparedPlugins ? options.prepared : PreparedPlugins.load(options.prepared);
  // Plugins named only through tools.include still need loading so their tools can be picked one by one.
  const toLoad = config.tools.include.length > 0 ? [...new Set([...config.plugins, ...Object.keys(builtins)])] : config.plugins;
  const deferred = new Map(
    toLoad
      .filter((name) => builtins[name] !== undefined && !(name in config.sections))
      .flatMap((name) => {
        const description = prepared.current(name);
        return description ? [[name, description] as const] : [];
      }),
  );
  const load = await loadPlugins(toLoad.filter((name) => !deferred.has(name)), { builtins, resolveFrom: options.resolveFrom });
  const settings = await validatePluginSections(config, load, builtins, prepared);
  const mountOptions: MountOptions = {
    container: options.container,
    registry: options.registry,
    context: options.context,
    enabled: config.plugins,
    settings,
    strict: config.strictPlugins,
    log: options.log,
    prepared,
  };
  const settingsOf = (manifest: PluginManifest) => defaultSettings(manifest, config.source, prepared);
  const statuses = [
    ...[...deferred].map(([name, description]) => deferPlugin(name, description, () => importManifest(name, builtins[name]), settingsOf, mountOptions)),
    ...mountPlugins(load, mountOptions),
  ];
  statuses.sort((a, b) => toLoad.indexOf(a.name) - toLoad.indexOf(b.name));
  const loaded = new Map(load.loaded.map((p) => [p.manifest.name, p.manifest]));
  const offers = toLoad.flatMap((name): StartedPlugins['offers'] => {
    const manifest = loaded.get(name);
    if (manifest) return [manifest];
    const description = deferred.get(name);
    return description ? [{ name, instructions: description.instructions, sharedArguments: description.sharedArguments }] : [];
  });
  return { statuses, offers };
}

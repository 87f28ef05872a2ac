import type { DependencyContainer } from 'tsyringe';
import type { AlpaconMcpError } from '../errors/index.js';
import { PluginError } from '../errors/index.js';
import type { Logger } from '../logger.js';
import type { ContextRegistry } from '../registry/context-registry.js';
import { instanceResolver } from '../registry/instance-resolver.js';
import type { ToolRegistry } from '../registry/tool-registry.js';
import { asPluginError, type LoadedPlugin, type LoadResult } from './load-plugins.js';
import { adopt, pluginContainer } from './plugin-container.js';
import { PLUGIN_SETTINGS } from '../tokens.js';
import { skippedStatus, type PluginStatus } from './plugin-status.js';

export interface MountOptions {
  container: DependencyContainer;
  registry: ToolRegistry;
  context: ContextRegistry;
  /** Plugins named in the config (resources and prompts are served only for these). */
  enabled: readonly string[];
  /** Each plugin's validated settings (see validatePluginSections). */
  settings: ReadonlyMap<string, object>;
  strict: boolean;
  log: Logger;
}

/**
 * Gives each loaded plugin its child container and registers what it contributes. One failure policy for everything a
 * third-party plugin can get wrong (import, manifest, DTOs, tool definitions, its own services): it is skipped with the
 * reason, or stops the server under `strictPlugins`. A failing built-in plugin is a bug of alpacon-mcp and always stops it.
 */
export function mountPlugins(load: LoadResult, options: MountOptions): PluginStatus[] {
  const statuses: PluginStatus[] = [];
  for (const failed of load.failed) statuses.push(skip(failed.status, failed.error, options));
  for (const plugin of load.loaded) {
    try {
      statuses.push(mount(plugin, options));
    } catch (error) {
      if (plugin.origin === 'builtin') throw error;
      const failure = asPluginError(plugin.manifest.name, error);
      statuses.push(skip(skippedStatus(plugin.manifest.name, plugin.origin, failure), failure, options));
    }
  }
  return statuses;
}

function mount(plugin: LoadedPlugin, options: MountOptions): PluginStatus {
  const { manifest } = plugin;
  const child = options.container.createChildContainer();
  const settings = options.settings.get(manifest.name);
  if (settings) child.registerInstance(PLUGIN_SETTINGS, settings);
  manifest.register?.(pluginContainer(child));
  for (const cls of manifest.tools) adopt(cls);
  const resolve = instanceResolver(child);
  const tools = options.registry.prepare(manifest, resolve);
  const context = options.enabled.includes(manifest.name) ? options.context.prepare(manifest, resolve) : undefined;
  if (tools.length === 0 && !options.context.hasContributions(manifest)) {
    throw new PluginError(
      manifest.name,
      'contributes no tools, resources or prompts',
      'Mark methods with @Tool / @Resource / @Prompt, list their classes in definePlugin({ tools: [...] }), and compile with "experimentalDecorators": true and "emitDecoratorMetadata": true.',
    );
  }
  // A third-party plugin's classes are built now, so a service it cannot get is reported at start-up, not at its first call.
  if (plugin.origin === 'package') for (const cls of manifest.tools) resolve(cls);
  options.registry.commit(tools);
  if (context) options.context.commit(context);
  return {
    name: manifest.name,
    origin: plugin.origin,
    state: 'loaded',
    tools: tools.map((t) => t.name),
    resources: context?.resources.map((r) => r.uriTemplate) ?? [],
    prompts: context?.prompts.map((p) => p.name) ?? [],
    ...(plugin.entry ? { entry: plugin.entry } : {}),
  };
}

function skip(status: PluginStatus, error: AlpaconMcpError, options: MountOptions): PluginStatus {
  if (options.strict) throw error;
  options.log.warn(`skipping plugin: ${error.message}`, error.hint ? { hint: error.hint } : undefined);
  return status;
}

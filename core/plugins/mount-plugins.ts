import type { DependencyContainer } from 'tsyringe';
import type { AlpaconMcpError } from '../errors/index.js';
import { PluginError } from '../errors/index.js';
import type { Logger } from '../logger.js';
import type { ContextRegistry, PreparedContext } from '../registry/context-registry.js';
import { instanceResolver, type InstanceResolver } from '../registry/instance-resolver.js';
import type { RunnableTool } from '../registry/tool-definition.js';
import type { ToolRegistry } from '../registry/tool-registry.js';
import { asPluginError, type LoadedPlugin, type LoadResult } from './load-plugins.js';
import type { PluginManifest } from './manifest.js';
import { adopt, pluginContainer } from './plugin-container.js';
import { PLUGIN_SETTINGS } from '../tokens.js';
import { skippedStatus, type PluginStatus } from './plugin-status.js';
import type { PreparedPlugin, PreparedPlugins } from './prepared-plugins.js';

export interface MountOptions {
  /** The core services' container, made on first use (tsyringe loads then). */
  container: () => DependencyContainer;
  registry: ToolRegistry;
  context: ContextRegistry;
  /** Plugins named in the config (resources and prompts are served only for these). */
  enabled: readonly string[];
  /** Each plugin's validated settings (see validatePluginSections). */
  settings: ReadonlyMap<string, object>;
  strict: boolean;
  log: Logger;
  /** Descriptions of the built-in plugins prepared at build time (used instead of describing their decorators again). */
  prepared?: PreparedPlugins;
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

/**
 * A built-in plugin served from its prepared description: its tools, resources and prompts are listed now, and its module is
 * imported, given its container and joined to them on the first call of any of them (once, however many calls race; a
 * failure answers that call with a PluginError and the next call tries again).
 */
export function deferPlugin(
  name: string,
  prepared: PreparedPlugin,
  load: () => Promise<PluginManifest>,
  settingsOf: (manifest: PluginManifest) => Promise<object | undefined>,
  options: MountOptions,
): PluginStatus {
  let mounted: Promise<{ tools: readonly RunnableTool[]; context: () => PreparedContext }> | undefined;
  const mountNow = async () => {
    const manifest = await load();
    const resolve = instantiate(manifest, options.container(), await settingsOf(manifest));
    const tools = options.registry.attach(manifest, resolve, prepared.tools);
    let context: PreparedContext | undefined;
    return { tools, context: () => (context ??= options.context.attach(manifest, resolve, prepared.context)) };
  };
  const code = () =>
    (mounted ??= mountNow().catch((error: unknown) => {
      mounted = undefined;
      throw asPluginError(name, error);
    }));
  const listed = options.registry.defer(name, prepared.tools, async () => (await code()).tools, prepared.sharedArguments);
  const served = options.enabled.includes(name) ? options.context.defer(name, prepared.context, async () => (await code()).context()) : undefined;
  return {
    name,
    origin: 'builtin',
    state: 'loaded',
    tools: listed.map((t) => t.name),
    resources: served?.resources.map((r) => r.uriTemplate) ?? [],
    prompts: served?.prompts.map((p) => p.name) ?? [],
  };
}

function mount(plugin: LoadedPlugin, options: MountOptions): PluginStatus {
  const { manifest } = plugin;
  const resolve = instantiate(manifest, options.container(), options.settings.get(manifest.name));
  const prepared = plugin.origin === 'builtin' ? options.prepared?.current(manifest.name) : undefined;
  const tools = options.registry.prepare(manifest, resolve, prepared?.tools);
  const context = options.enabled.includes(manifest.name) ? options.context.prepare(manifest, resolve, prepared?.context) : undefined;
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

/** The plugin's child container with its settings and own services; its classes resolve from it, one instance each. */
function instantiate(manifest: PluginManifest, container: DependencyContainer, settings: object | undefined): InstanceResolver {
  const child = container.createChildContainer();
  if (settings) child.registerInstance(PLUGIN_SETTINGS, settings);
  manifest.register?.(pluginContainer(child));
  for (const cls of manifest.tools) adopt(cls);
  return instanceResolver(child);
}

function skip(status: PluginStatus, error: AlpaconMcpError, options: MountOptions): PluginStatus {
  if (options.strict) throw error;
  options.log.warn(`skipping plugin: ${error.message}`, error.hint ? { hint: error.hint } : undefined);
  return status;
}

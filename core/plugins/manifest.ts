import type { Constructor } from '../decorators/metadata.js';
import type { PluginContainer } from './plugin-container.js';

/** What a plugin declares: checked when loaded, before any of its tools is registered. */
export interface PluginManifest {
  /** Short name used in `.alpaconrc` `plugins` (built-ins); for a third-party plugin, exactly its package name. */
  name: string;
  description: string;
  /** semver range of alpacon-mcp core this plugin works with, e.g. "^0.1.0". */
  host: string;
  /** Classes whose methods carry @Tool. */
  tools: Constructor[];
  /**
   * Optional: the class of the plugin's settings, its section of `.alpaconrc` named after the plugin. Described and validated
   * like a tool input (every property needs @JSONSchema({ description }); class field initialisers are the defaults); the
   * validated instance is injected with `@inject(PLUGIN_SETTINGS)`. A section for a plugin without settings stops the server.
   */
  settings?: Constructor;
  /** Optional: register the plugin's own services in its child container. */
  register?(container: PluginContainer): void;
  /**
   * Optional: true when every Alpacon request the plugin makes carries the call's cancellation signal, through `ctx.alpacon`
   * or with `signal` given to the shared client (the built-in plugins are checked by tests/core/call-signal.test.ts). Its
   * tools and resources then run without the per-call scope that ties a request made without the signal to the call: that
   * scope slows every promise of the process while it is in use (AsyncLocalStorage on Node 20).
   */
  passesCallSignal?: boolean;
  /** One sentence for the server instructions: what the plugin offers. */
  instructions?: string;
  /**
   * Optional: arguments several of the plugin's tools take with one meaning, by name. Each is explained once in the server
   * instructions, after the plugin's sentence; a published input schema of the plugin leaves out a property description
   * that is exactly this text (core's own shared arguments, such as server_id and page, are in core/dto/shared-arguments.ts).
   */
  sharedArguments?: Record<string, string>;
}

export function definePlugin(manifest: PluginManifest): PluginManifest {
  return manifest;
}

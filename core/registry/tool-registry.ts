import { readPromptMetadata, readResourceMetadata, readToolMetadata, type ToolMetadata } from '../decorators/metadata.js';
import { PluginError } from '../errors/index.js';
import { callRunner } from '../http/call-scope.js';
import type { PluginManifest } from '../plugins/manifest.js';
import { byName } from './by-name.js';
import { aliasRule, aliasTarget } from './argument-aliases.js';
import { describeInput, publishInputSchema, SchemaProblem } from './input-schema.js';
import { publishedSearchHint } from './listing-text.js';
import { envelopeSchema, TOOL_NAME_PATTERN, type RegisteredTool, type RunnableTool, type ToolDescription } from './tool-definition.js';
import { takesWorkspace } from './validate-input.js';
import type { InstanceResolver } from './instance-resolver.js';

export interface RegistryOptions {
  /** Input fields the config supplies defaults for (they become optional in schemas). */
  defaulted: readonly string[];
  /** Input fields accepted but left out of the published schemas (workspace and region when only one is possible). */
  hidden?: readonly string[];
}

/** Loads a deferred plugin's code (once) and gives its tools ready to run. */
export type DeferredTools = () => Promise<readonly RunnableTool[]>;

/**
 * Holds the served tools, failing fast on anything malformed. A plugin's tools are registered with its code (`prepare` +
 * `commit`), or listed from their descriptions with the code loaded on the first call of one of them (`defer`).
 */
export class ToolRegistry {
  private readonly tools = new Map<string, RegisteredTool>();
  private readonly runnable = new Map<string, RunnableTool>();
  private readonly deferred = new Map<string, { plugin: string; load: DeferredTools }>();
  /** The tools in name order, kept until the next change (tools/list is answered from it). */
  private sorted: RegisteredTool[] | undefined;

  constructor(private readonly options: RegistryOptions) {}

  addPlugin(manifest: PluginManifest, resolveInstance: InstanceResolver): void {
    this.commit(this.prepare(manifest, resolveInstance));
  }

  /**
   * Builds a plugin's tools and checks them all, registering nothing: a plugin is added whole or not at all. The tools are
   * described from the decorators unless descriptions prepared at build time are given.
   */
  prepare(manifest: PluginManifest, resolveInstance: InstanceResolver, prepared?: readonly ToolDescription[]): RunnableTool[] {
    const descriptions = prepared ?? describeTools(manifest);
    this.checkFree(manifest.name, descriptions);
    return this.attach(manifest, resolveInstance, descriptions);
  }

  /** Joins each description to its @Tool method: the plugin's tools ready to run (no check against other plugins). */
  attach(manifest: PluginManifest, resolveInstance: InstanceResolver, descriptions: readonly ToolDescription[]): RunnableTool[] {
    const described = new Map(descriptions.map((d) => [d.name, d]));
    const built: RunnableTool[] = [];
    for (const toolsClass of manifest.tools) {
      for (const meta of readToolMetadata(toolsClass)) {
        const description = described.get(meta.name);
        if (!description) throw stale(manifest.name, `defines tool "${meta.name}", which the prepared tool list lacks`);
        described.delete(meta.name);
        built.push(this.runnableTool(manifest, description, meta, () => resolveInstance(toolsClass)));
      }
    }
    if (described.size > 0) throw stale(manifest.name, `does not define ${[...described.keys()].join(', ')}, listed in the prepared tool list`);
    return built;
  }

  /** Registers tools made by `prepare`. */
  commit(tools: readonly RunnableTool[]): void {
    this.sorted = undefined;
    for (const tool of tools) {
      this.tools.set(tool.name, tool);
      this.runnable.set(tool.name, tool);
    }
  }

  /**
   * Lists a plugin's tools from their descriptions; `load` brings its code on the first call of any of them. `shared` is the
   * plugin's sharedArguments (descriptions the server instructions give instead of the schemas).
   */
  defer(plugin: string, descriptions: readonly ToolDescription[], load: DeferredTools, shared?: Readonly<Record<string, string>>): RegisteredTool[] {
    this.checkFree(plugin, descriptions);
    const listed = descriptions.map((d) => this.publish(plugin, d, shared));
    this.sorted = undefined;
    for (const tool of listed) {
      this.tools.set(tool.name, tool);
      this.deferred.set(tool.name, { plugin, load });
    }
    return listed;
  }

  list(): RegisteredTool[] {
    this.sorted ??= [...this.tools.values()].sort((a, b) => byName(a.name, b.name));
    return [...this.sorted];
  }

  get(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  /** The tool with its plugin's code when that is already loaded (every tool but a deferred plugin's before its first call). */
  loaded(name: string): RunnableTool | undefined {
    return this.tools.has(name) ? this.runnable.get(name) : undefined;
  }

  /** The tool with its plugin's code, importing a deferred plugin on the first call of one of its tools. */
  async ready(name: string): Promise<RunnableTool | undefined> {
    const found = this.loaded(name);
    if (found || !this.tools.has(name)) return found;
    const deferred = this.deferred.get(name);
    if (!deferred) return undefined;
    for (const tool of await deferred.load()) if (this.tools.has(tool.name)) this.runnable.set(tool.name, tool);
    const ready = this.runnable.get(name);
    if (!ready) throw stale(deferred.plugin, `does not define tool "${name}"`);
    return ready;
  }

  /** Keeps only the tools the predicate accepts (read-only mode, include/exclude). */
  retain(keep: (tool: RegisteredTool) => boolean): void {
    this.sorted = undefined;
    for (const tool of [...this.tools.values()]) {
      if (keep(tool)) continue;
      this.tools.delete(tool.name);
      this.runnable.delete(tool.name);
      this.deferred.delete(tool.name);
    }
  }

  /** The published form of a description under this start's defaults (workspace optional or hidden). */
  private publish(plugin: string, d: ToolDescription, shared: Readonly<Record<string, string>> | undefined): RegisteredTool {
    let inputSchema;
    try {
      inputSchema = publishInputSchema(d.input, d.schema, { defaulted: this.options.defaulted, hidden: this.options.hidden, shared });
    } catch (error) {
      if (error instanceof SchemaProblem) throw new PluginError(plugin, `tool "${d.name}": ${error.message}`);
      throw error;
    }
    const { input: _input, schema, output, ...traits } = d;
    return {
      ...traits,
      plugin,
      inputSchema,
      argumentNames: Object.keys((schema.properties ?? {}) as object),
      outputSchema: output ? envelopeSchema(output) : undefined,
    };
  }

  private runnableTool(manifest: PluginManifest, d: ToolDescription, meta: ToolMetadata, resolve: () => Record<string, unknown>): RunnableTool {
    const plugin = manifest.name;
    const listed = this.publish(plugin, d, manifest.sharedArguments);
    checkAliases(plugin, meta, listed.argumentNames);
    const method = meta.method;
    const runFor = callRunner(manifest.passesCallSignal);
    return {
      ...listed,
      input: meta.input,
      aliases: meta.aliases ?? {},
      invoke: (input, context) =>
        runFor(context.signal, async () => {
          const instance = resolve();
          const fn = instance[method];
          if (typeof fn !== 'function') throw new PluginError(plugin, `tool "${meta.name}" has no method ${method}`);
          return (fn as (i: object, c: typeof context) => unknown).call(instance, input, context);
        }),
    };
  }

  private checkFree(plugin: string, descriptions: readonly ToolDescription[]): void {
    for (const d of descriptions) {
      const existing = this.tools.get(d.name);
      if (existing) throw new PluginError(plugin, `tool "${d.name}" is already registered by plugin "${existing.plugin}"`);
    }
  }
}

/** Describes a plugin's tools from their decorators (the schema generator runs here), checking each one. */
export function describeTools(manifest: PluginManifest): ToolDescription[] {
  const plugin = manifest.name;
  const described: ToolDescription[] = [];
  for (const toolsClass of manifest.tools) {
    const metadata = readToolMetadata(toolsClass);
    if (metadata.length === 0 && readResourceMetadata(toolsClass).length === 0 && readPromptMetadata(toolsClass).length === 0) {
      throw new PluginError(
        plugin,
        `${toolsClass.name} has no @Tool, @Resource or @Prompt methods`,
        'Decorate its methods, and compile with "experimentalDecorators": true and "emitDecoratorMetadata": true.',
      );
    }
    for (const meta of metadata) {
      if (described.some((t) => t.name === meta.name)) throw new PluginError(plugin, `tool "${meta.name}" is defined twice`);
      described.push(describeTool(plugin, meta));
    }
  }
  return described;
}

function describeTool(plugin: string, meta: ToolMetadata): ToolDescription {
  if (!TOOL_NAME_PATTERN.test(meta.name)) {
    throw new PluginError(plugin, `tool name "${meta.name}" is invalid (use snake_case: ${TOOL_NAME_PATTERN.source})`);
  }
  if (!meta.description?.trim() || !meta.title?.trim()) {
    throw new PluginError(plugin, `tool "${meta.name}" needs a title and a description`);
  }
  let schema;
  try {
    schema = describeInput(meta.input);
  } catch (error) {
    if (error instanceof SchemaProblem) throw new PluginError(plugin, `tool "${meta.name}": ${error.message}`);
    throw error;
  }
  return {
    name: meta.name,
    title: meta.title,
    description: meta.description.trim(),
    input: meta.input.name,
    schema,
    ...(meta.output ? { output: meta.output } : {}),
    effects: meta.annotations,
    // Clients with deferred tool loading search these words; a tool without its own hint is found by domain and title.
    searchHint: publishedSearchHint(meta.searchHint ?? `${plugin} ${meta.title.toLowerCase()}`, {
      name: meta.name,
      description: meta.description,
      alwaysLoad: meta.alwaysLoad ?? false,
    }),
    alwaysLoad: meta.alwaysLoad ?? false,
    commandFields: meta.commandFields ?? [],
    destructiveIf: meta.destructiveIf ?? [],
    targetsWorkspace: takesWorkspace(meta.input),
  };
}

function stale(plugin: string, what: string): PluginError {
  return new PluginError(plugin, `its code ${what}`, 'The prepared tool list is older than the plugin code: rebuild with "npm run build".');
}

/** An alias must not shadow a real argument and must lead to one; a mistake here fails start-up, not a user's call. */
function checkAliases(plugin: string, meta: ToolMetadata, argumentNames: readonly string[]): void {
  for (const [alias, rule] of Object.entries(meta.aliases ?? {})) {
    const top = aliasTarget(alias, rule);
    const converts = top === alias && aliasRule(rule).convert !== undefined;
    if (argumentNames.includes(alias) && !converts) throw new PluginError(plugin, `tool "${meta.name}": alias "${alias}" is already an argument`);
    if (top !== undefined && !argumentNames.includes(top)) {
      throw new PluginError(plugin, `tool "${meta.name}": alias "${alias}" leads to unknown argument "${top}"`);
    }
  }
}

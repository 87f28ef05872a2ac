import { readPromptMetadata, readResourceMetadata, readToolMetadata, type ToolMetadata } from '../decorators/metadata.js';
import { PluginError } from '../errors/index.js';
import type { PluginManifest } from '../plugins/manifest.js';
import { aliasRule, aliasTarget } from './argument-aliases.js';
import { publishInputSchema, SchemaProblem, type JsonSchema } from './input-schema.js';
import { PreparedSchemas } from './prepared-schemas.js';
import { publishedSearchHint } from './listing-text.js';
import { envelopeSchema, TOOL_NAME_PATTERN, type RegisteredTool } from './tool-definition.js';
import { takesWorkspace } from './validate-input.js';
import type { InstanceResolver } from './instance-resolver.js';

export interface RegistryOptions {
  /** Input fields the config supplies defaults for (they become optional in schemas). */
  defaulted: readonly string[];
  /** Input fields accepted but left out of the published schemas (workspace and region when only one is possible). */
  hidden?: readonly string[];
  /** Input schemas described at build time; whatever they lack is described from the decorators here. */
  prepared?: PreparedSchemas;
}

const NOTHING_PREPARED = new PreparedSchemas(undefined);

/** Scans plugins' @Tool metadata at startup and holds the tools, failing fast on anything malformed. */
export class ToolRegistry {
  private readonly tools = new Map<string, RegisteredTool>();

  constructor(private readonly options: RegistryOptions) {}

  addPlugin(manifest: PluginManifest, resolveInstance: InstanceResolver): void {
    this.commit(this.prepare(manifest, resolveInstance));
  }

  /** Builds a plugin's tools and checks them all, registering nothing: a plugin is added whole or not at all. */
  prepare(manifest: PluginManifest, resolveInstance: InstanceResolver): RegisteredTool[] {
    const built: RegisteredTool[] = [];
    for (const toolsClass of manifest.tools) {
      const metadata = readToolMetadata(toolsClass);
      if (metadata.length === 0 && readResourceMetadata(toolsClass).length === 0 && readPromptMetadata(toolsClass).length === 0) {
        throw new PluginError(
          manifest.name,
          `${toolsClass.name} has no @Tool, @Resource or @Prompt methods`,
          'Decorate its methods, and compile with "experimentalDecorators": true and "emitDecoratorMetadata": true.',
        );
      }
      for (const meta of metadata) {
        const clash = built.find((t) => t.name === meta.name);
        if (clash) throw new PluginError(manifest.name, `tool "${meta.name}" is defined twice`);
        built.push(this.build(manifest.name, meta, () => resolveInstance(toolsClass), manifest.sharedArguments));
      }
    }
    return built;
  }

  /** Registers tools made by `prepare`. */
  commit(tools: readonly RegisteredTool[]): void {
    for (const tool of tools) this.tools.set(tool.name, tool);
  }

  list(): RegisteredTool[] {
    return [...this.tools.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  /** Keeps only the tools the predicate accepts (read-only mode, include/exclude). */
  retain(keep: (tool: RegisteredTool) => boolean): void {
    for (const tool of [...this.tools.values()]) if (!keep(tool)) this.tools.delete(tool.name);
  }

  private build(
    plugin: string,
    meta: ToolMetadata,
    resolve: () => Record<string, unknown>,
    shared?: Readonly<Record<string, string>>,
  ): RegisteredTool {
    if (!TOOL_NAME_PATTERN.test(meta.name)) {
      throw new PluginError(plugin, `tool name "${meta.name}" is invalid (use snake_case: ${TOOL_NAME_PATTERN.source})`);
    }
    const existing = this.tools.get(meta.name);
    if (existing) {
      throw new PluginError(plugin, `tool "${meta.name}" is already registered by plugin "${existing.plugin}"`);
    }
    if (!meta.description?.trim() || !meta.title?.trim()) {
      throw new PluginError(plugin, `tool "${meta.name}" needs a title and a description`);
    }
    let inputSchema: JsonSchema;
    let argumentNames: string[];
    try {
      const described = (this.options.prepared ?? NOTHING_PREPARED).describe(plugin, meta.name, meta.input);
      inputSchema = publishInputSchema(meta.input.name, described, { defaulted: this.options.defaulted, hidden: this.options.hidden, shared });
      argumentNames = Object.keys((described.properties ?? {}) as object);
    } catch (error) {
      if (error instanceof SchemaProblem) throw new PluginError(plugin, `tool "${meta.name}": ${error.message}`);
      throw error;
    }
    checkAliases(plugin, meta, argumentNames);
    const method = meta.method;
    return {
      name: meta.name,
      plugin,
      title: meta.title,
      description: meta.description.trim(),
      input: meta.input,
      inputSchema,
      argumentNames,
      outputSchema: meta.output ? envelopeSchema(meta.output) : undefined,
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
      aliases: meta.aliases ?? {},
      targetsWorkspace: takesWorkspace(meta.input),
      invoke: async (input, context) => {
        const instance = resolve();
        const fn = instance[method];
        if (typeof fn !== 'function') throw new PluginError(plugin, `tool "${meta.name}" has no method ${method}`);
        return (fn as (i: object, c: typeof context) => unknown).call(instance, input, context);
      },
    };
  }
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

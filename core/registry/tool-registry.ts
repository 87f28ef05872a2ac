import { readPromptMetadata, readResourceMetadata, readToolMetadata, type ToolMetadata } from '../decorators/metadata.js';
import { PluginError } from '../errors/index.js';
import type { PluginManifest } from '../plugins/manifest.js';
import { buildInputSchema, SchemaProblem } from './input-schema.js';
import { envelopeSchema, TOOL_NAME_PATTERN, type RegisteredTool } from './tool-definition.js';
import { takesWorkspace } from './validate-input.js';
import type { InstanceResolver } from './instance-resolver.js';

export interface RegistryOptions {
  /** Input fields the config supplies defaults for (they become optional in schemas). */
  defaulted: readonly string[];
}

/** Scans plugins' @Tool metadata at startup and holds the tools, failing fast on anything malformed. */
export class ToolRegistry {
  private readonly tools = new Map<string, RegisteredTool>();

  constructor(private readonly options: RegistryOptions) {}

  addPlugin(manifest: PluginManifest, resolveInstance: InstanceResolver): void {
    for (const toolsClass of manifest.tools) {
      const metadata = readToolMetadata(toolsClass);
      if (metadata.length === 0 && readResourceMetadata(toolsClass).length === 0 && readPromptMetadata(toolsClass).length === 0) {
        throw new PluginError(manifest.name, `${toolsClass.name} has no @Tool, @Resource or @Prompt methods`);
      }
      for (const meta of metadata) this.add(manifest.name, meta, () => resolveInstance(toolsClass));
    }
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

  private add(plugin: string, meta: ToolMetadata, resolve: () => Record<string, unknown>): void {
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
    let inputSchema;
    try {
      inputSchema = buildInputSchema(meta.input, { defaulted: this.options.defaulted });
    } catch (error) {
      if (error instanceof SchemaProblem) throw new PluginError(plugin, `tool "${meta.name}": ${error.message}`);
      throw error;
    }
    const method = meta.method;
    this.tools.set(meta.name, {
      name: meta.name,
      plugin,
      title: meta.title,
      description: meta.description.trim(),
      input: meta.input,
      inputSchema,
      argumentNames: Object.keys(inputSchema.properties as object),
      outputSchema: meta.output ? envelopeSchema(meta.output) : undefined,
      effects: meta.annotations,
      // Clients with deferred tool loading search these words; a tool without its own hint is found by domain and title.
      searchHint: meta.searchHint ?? `${plugin} ${meta.title.toLowerCase()}`,
      alwaysLoad: meta.alwaysLoad ?? false,
      commandFields: meta.commandFields ?? [],
      destructiveIf: meta.destructiveIf ?? [],
      targetsWorkspace: takesWorkspace(meta.input),
      invoke: async (input, context) => {
        const instance = resolve();
        const fn = instance[method];
        if (typeof fn !== 'function') throw new PluginError(plugin, `tool "${meta.name}" has no method ${method}`);
        return (fn as (i: object, c: typeof context) => unknown).call(instance, input, context);
      },
    });
  }
}

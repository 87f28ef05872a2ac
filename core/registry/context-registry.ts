import { UriTemplate } from '@modelcontextprotocol/server';
import {
  readPromptMetadata,
  readResourceMetadata,
  type Constructor,
  type PromptMetadata,
  type ResourceMetadata,
} from '../decorators/metadata.js';
import { AlpaconMcpError, ErrorCode, PluginError } from '../errors/index.js';
import type { ToolContext } from '../host/tool-context.js';
import type { PluginManifest } from '../plugins/manifest.js';
import { buildInputSchema, SchemaProblem, type JsonSchema } from './input-schema.js';
import { inputProperties } from './input-fingerprint.js';
import type { InstanceResolver } from './instance-resolver.js';
import { validateInput, type InputDefaults } from './validate-input.js';

export interface RegisteredResource extends ResourceMetadata {
  plugin: string;
  /** Variables of the template, in order. */
  variables: string[];
  match(uri: string): Record<string, string> | undefined;
  /** Validates the variables with the resource's DTO, then reads. */
  read(params: Record<string, string>, context: ToolContext): Promise<unknown>;
}

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
}

export interface RegisteredPrompt extends PromptMetadata {
  plugin: string;
  /** Derived from the prompt's DTO. */
  arguments: PromptArgument[];
  /** Validates the arguments with the prompt's DTO, then renders the user message. */
  render(args: Record<string, string>): Promise<string>;
}

export interface PreparedContext {
  resources: RegisteredResource[];
  prompts: RegisteredPrompt[];
}

/**
 * Resource templates and prompts contributed by plugins, scanned from the same classes as their tools and registered the same
 * way: an input DTO describes and validates what they take (URI variables, prompt arguments) before the method runs.
 */
export class ContextRegistry {
  private readonly resources = new Map<string, RegisteredResource>();
  private readonly prompts = new Map<string, RegisteredPrompt>();

  constructor(private readonly defaults: InputDefaults = { region: 'ap1' }) {}

  addPlugin(manifest: PluginManifest, resolveInstance: InstanceResolver): void {
    this.commit(this.prepare(manifest, resolveInstance));
  }

  /** True when the plugin's classes declare any resource or prompt (whether or not they are served). */
  hasContributions(manifest: PluginManifest): boolean {
    return manifest.tools.some((cls) => readResourceMetadata(cls).length > 0 || readPromptMetadata(cls).length > 0);
  }

  /** Builds and checks a plugin's resources and prompts, registering nothing. */
  prepare(manifest: PluginManifest, resolveInstance: InstanceResolver): PreparedContext {
    const prepared: PreparedContext = { resources: [], prompts: [] };
    for (const cls of manifest.tools) {
      for (const meta of readResourceMetadata(cls)) prepared.resources.push(this.resource(manifest.name, meta, cls, resolveInstance, prepared));
      for (const meta of readPromptMetadata(cls)) prepared.prompts.push(this.prompt(manifest.name, meta, cls, resolveInstance, prepared));
    }
    return prepared;
  }

  commit(prepared: PreparedContext): void {
    for (const resource of prepared.resources) this.resources.set(resource.uriTemplate, resource);
    for (const prompt of prepared.prompts) this.prompts.set(prompt.name, prompt);
  }

  listResources(): RegisteredResource[] {
    return [...this.resources.values()].sort((a, b) => a.uriTemplate.localeCompare(b.uriTemplate));
  }

  listPrompts(): RegisteredPrompt[] {
    return [...this.prompts.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  findResource(uri: string): { resource: RegisteredResource; params: Record<string, string> } | undefined {
    for (const resource of this.resources.values()) {
      const params = resource.match(uri);
      if (params) return { resource, params };
    }
    return undefined;
  }

  private resource(plugin: string, meta: ResourceMetadata, cls: Constructor, resolveInstance: InstanceResolver, prepared: PreparedContext): RegisteredResource {
    const taken = this.resources.has(meta.uriTemplate) || prepared.resources.some((r) => r.uriTemplate === meta.uriTemplate);
    if (taken) throw new PluginError(plugin, `resource template ${meta.uriTemplate} is already registered`);
    let template: UriTemplate;
    try {
      template = new UriTemplate(meta.uriTemplate);
    } catch (error) {
      throw new PluginError(plugin, `resource template ${meta.uriTemplate} is invalid: ${(error as Error).message}`);
    }
    if (typeof meta.input !== 'function') throw new PluginError(plugin, `resource ${meta.name} needs an input class (input: ...)`);
    // Property names only: the schema generator stays unloaded until something needs a schema.
    const known = inputProperties(meta.input);
    const unknown = template.variableNames.filter((v) => !known.includes(v));
    if (unknown.length > 0) throw new PluginError(plugin, `resource ${meta.name}: template variables ${unknown.join(', ')} are not properties of ${meta.input.name}`);
    return {
      ...meta,
      plugin,
      variables: template.variableNames,
      match: (uri) => {
        const found = template.match(uri);
        return found ? Object.fromEntries(Object.entries(found).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])) : undefined;
      },
      read: async (params, context) => {
        const input = await validateInput(meta.input, params, this.defaults, known);
        return call(resolveInstance(cls), meta.method, [input, context]);
      },
    };
  }

  private prompt(plugin: string, meta: PromptMetadata, cls: Constructor, resolveInstance: InstanceResolver, prepared: PreparedContext): RegisteredPrompt {
    const existing = this.prompts.get(meta.name) ?? prepared.prompts.find((p) => p.name === meta.name);
    if (existing) throw new PluginError(plugin, `prompt "${meta.name}" is already registered by plugin "${existing.plugin}"`);
    if (typeof meta.input !== 'function') throw new PluginError(plugin, `prompt ${meta.name} needs an input class (input: ...)`);
    // Described on first use (prompts/list or prompts/get), so start-up does not load the schema generator.
    let described: PromptArgument[] | undefined;
    const promptArguments = (): PromptArgument[] => (described ??= promptArgumentsOf(plugin, meta));
    return {
      ...meta,
      plugin,
      get arguments() {
        return promptArguments();
      },
      render: async (args) => {
        const input = await validateInput(meta.input, args, this.defaults, promptArguments().map((a) => a.name));
        return String(await call(resolveInstance(cls), meta.method, [input]));
      },
    };
  }
}

/** A prompt's arguments from its DTO: string properties, each described; optional unless the DTO requires them. */
function promptArgumentsOf(plugin: string, meta: PromptMetadata): PromptArgument[] {
  let schema: JsonSchema;
  try {
    // A prompt names the workspace only when given one: workspace is never a required argument.
    schema = buildInputSchema(meta.input, { defaulted: ['workspace'] });
  } catch (error) {
    if (error instanceof SchemaProblem) throw new PluginError(plugin, `prompt ${meta.name}: ${error.message}`);
    throw error;
  }
  const properties = schema.properties as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const notText = Object.entries(properties).filter(([, p]) => p.type !== 'string').map(([n]) => n);
  if (notText.length > 0) throw new PluginError(plugin, `prompt ${meta.name}: arguments ${notText.join(', ')} must be strings (MCP prompt arguments are text)`);
  return Object.entries(properties).map(([name, p]) => ({ name, description: String(p.description), required: required.has(name) }));
}

function call(instance: Record<string, unknown>, method: string, args: unknown[]): Promise<unknown> {
  const fn = instance[method];
  if (typeof fn !== 'function') throw new AlpaconMcpError(ErrorCode.Internal, `missing method ${method}`);
  return Promise.resolve((fn as (...a: unknown[]) => unknown).apply(instance, args));
}

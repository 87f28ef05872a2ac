import { UriTemplate } from '@modelcontextprotocol/server';
import {
  readPromptMetadata,
  readResourceMetadata,
  type Constructor,
  type PromptMetadata,
  type ResourceMetadata,
} from '../decorators/metadata.js';
import { callRunner } from '../http/call-scope.js';
import { byName } from './by-name.js';
import { AlpaconMcpError, ErrorCode, PluginError } from '../errors/index.js';
import type { ToolContext } from '../host/tool-context.js';
import type { PluginManifest } from '../plugins/manifest.js';
import { buildInputSchema, inputProperties, SchemaProblem, type JsonSchema } from './input-schema.js';
import type { InstanceResolver } from './instance-resolver.js';
import { validateInput, type InputDefaults } from './validate-input.js';

/** A resource template as its decorator describes it, in plain data (prepared at build time for the built-in plugins). */
export interface ResourceDescription {
  uriTemplate: string;
  name: string;
  title: string;
  description: string;
  mimeType?: string;
}

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
}

/** A prompt as its decorator and DTO describe it, in plain data. */
export interface PromptDescription {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgument[];
}

export interface ContextDescription {
  resources: ResourceDescription[];
  prompts: PromptDescription[];
}

export interface RegisteredResource extends ResourceDescription {
  plugin: string;
  /** Variables of the template, in order. */
  variables: string[];
  match(uri: string): Record<string, string> | undefined;
  /** Validates the variables with the resource's DTO, then reads. */
  read(params: Record<string, string>, context: ToolContext): Promise<unknown>;
}

export interface RegisteredPrompt extends Omit<PromptDescription, 'arguments'> {
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

  /**
   * Builds and checks a plugin's resources and prompts, registering nothing. Prompt arguments prepared at build time are used
   * as given; otherwise they are described from the DTO on first use.
   */
  prepare(manifest: PluginManifest, resolveInstance: InstanceResolver, prepared?: ContextDescription): PreparedContext {
    const built: PreparedContext = { resources: [], prompts: [] };
    for (const cls of manifest.tools) {
      for (const meta of readResourceMetadata(cls)) built.resources.push(this.resource(manifest, meta, cls, resolveInstance, built));
      for (const meta of readPromptMetadata(cls)) {
        const described = prepared?.prompts.find((p) => p.name === meta.name)?.arguments;
        built.prompts.push(this.prompt(manifest.name, meta, cls, resolveInstance, built, described));
      }
    }
    return built;
  }

  /** A deferred plugin's resources and prompts with its code, built apart from the registered ones (see `defer`). */
  attach(manifest: PluginManifest, resolveInstance: InstanceResolver, prepared: ContextDescription): PreparedContext {
    return new ContextRegistry(this.defaults).prepare(manifest, resolveInstance, prepared);
  }

  commit(prepared: PreparedContext): void {
    for (const resource of prepared.resources) this.resources.set(resource.uriTemplate, resource);
    for (const prompt of prepared.prompts) this.prompts.set(prompt.name, prompt);
  }

  /** Registers a plugin's resources and prompts from their descriptions; `load` brings its code on the first read or render. */
  defer(plugin: string, described: ContextDescription, load: () => Promise<PreparedContext>): PreparedContext {
    const missing = (what: string) =>
      new PluginError(plugin, `its code does not define ${what}`, 'The prepared tool list is older than the plugin code: rebuild with "npm run build".');
    const deferred: PreparedContext = { resources: [], prompts: [] };
    for (const d of described.resources) {
      const template = this.template(plugin, d.uriTemplate, deferred);
      deferred.resources.push({
        ...d,
        plugin,
        variables: template.variableNames,
        match: (uri) => matchTemplate(template, uri),
        read: async (params, context) => {
          const real = (await load()).resources.find((r) => r.uriTemplate === d.uriTemplate);
          if (!real) throw missing(`resource ${d.uriTemplate}`);
          return real.read(params, context);
        },
      });
    }
    for (const d of described.prompts) {
      this.checkPromptFree(plugin, d.name, deferred);
      deferred.prompts.push({
        ...d,
        plugin,
        render: async (args) => {
          const real = (await load()).prompts.find((p) => p.name === d.name);
          if (!real) throw missing(`prompt ${d.name}`);
          return real.render(args);
        },
      });
    }
    this.commit(deferred);
    return deferred;
  }

  listResources(): RegisteredResource[] {
    return [...this.resources.values()].sort((a, b) => byName(a.uriTemplate, b.uriTemplate));
  }

  listPrompts(): RegisteredPrompt[] {
    return [...this.prompts.values()].sort((a, b) => byName(a.name, b.name));
  }

  findResource(uri: string): { resource: RegisteredResource; params: Record<string, string> } | undefined {
    for (const resource of this.resources.values()) {
      const params = resource.match(uri);
      if (params) return { resource, params };
    }
    return undefined;
  }

  private template(plugin: string, uriTemplate: string, prepared: PreparedContext): UriTemplate {
    const taken = this.resources.has(uriTemplate) || prepared.resources.some((r) => r.uriTemplate === uriTemplate);
    if (taken) throw new PluginError(plugin, `resource template ${uriTemplate} is already registered`);
    try {
      return new UriTemplate(uriTemplate);
    } catch (error) {
      throw new PluginError(plugin, `resource template ${uriTemplate} is invalid: ${(error as Error).message}`);
    }
  }

  private checkPromptFree(plugin: string, name: string, prepared: PreparedContext): void {
    const existing = this.prompts.get(name) ?? prepared.prompts.find((p) => p.name === name);
    if (existing) throw new PluginError(plugin, `prompt "${name}" is already registered by plugin "${existing.plugin}"`);
  }

  private resource(manifest: PluginManifest, meta: ResourceMetadata, cls: Constructor, resolveInstance: InstanceResolver, prepared: PreparedContext): RegisteredResource {
    const plugin = manifest.name;
    const template = this.template(plugin, meta.uriTemplate, prepared);
    if (typeof meta.input !== 'function') throw new PluginError(plugin, `resource ${meta.name} needs an input class (input: ...)`);
    // Property names only: the schema generator stays unloaded until something needs a schema.
    const known = inputProperties(meta.input);
    const unknown = template.variableNames.filter((v) => !known.includes(v));
    if (unknown.length > 0) throw new PluginError(plugin, `resource ${meta.name}: template variables ${unknown.join(', ')} are not properties of ${meta.input.name}`);
    const runFor = callRunner(manifest.passesCallSignal);
    return {
      ...describeResource(meta),
      plugin,
      variables: template.variableNames,
      match: (uri) => matchTemplate(template, uri),
      read: (params, context) =>
        runFor(context.signal, async () => {
          const input = await validateInput(meta.input, params, this.defaults, known);
          return call(resolveInstance(cls), meta.method, [input, context]);
        }),
    };
  }

  private prompt(
    plugin: string,
    meta: PromptMetadata,
    cls: Constructor,
    resolveInstance: InstanceResolver,
    prepared: PreparedContext,
    described?: PromptArgument[],
  ): RegisteredPrompt {
    this.checkPromptFree(plugin, meta.name, prepared);
    if (typeof meta.input !== 'function') throw new PluginError(plugin, `prompt ${meta.name} needs an input class (input: ...)`);
    // Described on first use (prompts/list or prompts/get), so start-up does not load the schema generator.
    let promptArgs = described;
    const promptArguments = (): PromptArgument[] => (promptArgs ??= promptArgumentsOf(plugin, meta));
    return {
      name: meta.name,
      title: meta.title,
      description: meta.description,
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

/** The plugin's resources and prompts as plain data, for the build step (prompt arguments are described here). */
export function describeContext(manifest: PluginManifest): ContextDescription {
  return {
    resources: manifest.tools.flatMap((cls) => readResourceMetadata(cls).map(describeResource)),
    prompts: manifest.tools.flatMap((cls) =>
      readPromptMetadata(cls).map((meta) => ({ name: meta.name, title: meta.title, description: meta.description, arguments: promptArgumentsOf(manifest.name, meta) })),
    ),
  };
}

function describeResource(meta: ResourceMetadata): ResourceDescription {
  return {
    uriTemplate: meta.uriTemplate,
    name: meta.name,
    title: meta.title,
    description: meta.description,
    ...(meta.mimeType !== undefined ? { mimeType: meta.mimeType } : {}),
  };
}

function matchTemplate(template: UriTemplate, uri: string): Record<string, string> | undefined {
  const found = template.match(uri);
  return found ? Object.fromEntries(Object.entries(found).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])) : undefined;
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

import {
  readPromptMetadata,
  readResourceMetadata,
  type PromptMetadata,
  type ResourceMetadata,
} from '../decorators/metadata.js';
import { AlpaconMcpError, ErrorCode, PluginError } from '../errors/index.js';
import type { ToolContext } from '../host/tool-context.js';
import type { PluginManifest } from '../plugins/manifest.js';
import type { InstanceResolver } from './instance-resolver.js';

export interface RegisteredResource extends ResourceMetadata {
  plugin: string;
  /** Variables of the template, in order. */
  variables: string[];
  match(uri: string): Record<string, string> | undefined;
  read(params: Record<string, string>, context: ToolContext): Promise<unknown>;
}

export interface RegisteredPrompt extends PromptMetadata {
  plugin: string;
  render(args: Record<string, string>): Promise<string>;
}

export interface PreparedContext {
  resources: RegisteredResource[];
  prompts: RegisteredPrompt[];
}

/** Resource templates and prompts contributed by plugins, scanned from the same classes as their tools. */
export class ContextRegistry {
  private readonly resources = new Map<string, RegisteredResource>();
  private readonly prompts = new Map<string, RegisteredPrompt>();

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
      for (const meta of readResourceMetadata(cls)) {
        const taken = this.resources.has(meta.uriTemplate) || prepared.resources.some((r) => r.uriTemplate === meta.uriTemplate);
        if (taken) throw new PluginError(manifest.name, `resource template ${meta.uriTemplate} is already registered`);
        const { pattern, variables } = compileTemplate(meta.uriTemplate);
        prepared.resources.push({
          ...meta,
          plugin: manifest.name,
          variables,
          match: (uri) => {
            const found = pattern.exec(uri);
            return found ? Object.fromEntries(variables.map((v, i) => [v, decodeURIComponent(found[i + 1])])) : undefined;
          },
          read: async (params, context) => call(resolveInstance(cls), meta.method, [params, context]),
        });
      }
      for (const meta of readPromptMetadata(cls)) {
        const existing = this.prompts.get(meta.name) ?? prepared.prompts.find((p) => p.name === meta.name);
        if (existing) throw new PluginError(manifest.name, `prompt "${meta.name}" is already registered by plugin "${existing.plugin}"`);
        prepared.prompts.push({
          ...meta,
          plugin: manifest.name,
          render: async (args) => String(await call(resolveInstance(cls), meta.method, [args])),
        });
      }
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

  prompt(name: string): RegisteredPrompt {
    const found = this.prompts.get(name);
    if (!found) throw new AlpaconMcpError(ErrorCode.NotFound, `Unknown prompt "${name}".`, { hint: 'Call prompts/list.' });
    return found;
  }
}

/** RFC 6570 level 1: each `{name}` matches one path segment. */
function compileTemplate(template: string): { pattern: RegExp; variables: string[] } {
  const variables: string[] = [];
  const source = template
    .split(/(\{[a-z_][a-z0-9_]*\})/i)
    .map((part) => {
      const variable = /^\{([a-z_][a-z0-9_]*)\}$/i.exec(part);
      if (!variable) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      variables.push(variable[1]);
      return '([^/?#]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), variables };
}

function call(instance: Record<string, unknown>, method: string, args: unknown[]): Promise<unknown> {
  const fn = instance[method];
  if (typeof fn !== 'function') throw new AlpaconMcpError(ErrorCode.Internal, `missing method ${method}`);
  return Promise.resolve((fn as (...a: unknown[]) => unknown).apply(instance, args));
}

import type { Constructor, ToolMetadata } from '../decorators/metadata.js';
import type { ToolEffects } from '../decorators/effects.js';
import type { ToolContext } from '../host/tool-context.js';
import type { ArgumentAliases } from './argument-aliases.js';
import type { JsonSchema } from './input-schema.js';

/**
 * A tool as its decorators describe it, in plain data: what the build step prepares for the built-in plugins (so tools/list
 * and tool selection need none of their code) and what the registry derives from the decorators for any other plugin.
 */
export interface ToolDescription extends ToolTraits {
  /** The input DTO's class name (for messages). */
  readonly input: string;
  /** The input schema as described from the DTO, before publishing (defaults and hidden fields are applied per start). */
  readonly schema: JsonSchema;
  /** JSON Schema of `data` in the success envelope. */
  readonly output?: JsonSchema;
}

/** What a tool is, the same in its description and once registered. */
export interface ToolTraits {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly effects: ToolEffects;
  readonly searchHint: string;
  readonly alwaysLoad: boolean;
  /** Input fields holding command lines, checked by the command policy. */
  readonly commandFields: readonly string[];
  /** Boolean input fields that make this call destructive when true. */
  readonly destructiveIf: readonly string[];
  /** True when the input carries `workspace`/`region` (the tool reaches an Alpacon workspace). */
  readonly targetsWorkspace: boolean;
}

/** A tool as tools/list publishes it and selection, narrowing and guards see it: known without its plugin's code. */
export interface RegisteredTool extends ToolTraits {
  readonly plugin: string;
  readonly inputSchema: JsonSchema;
  /** The argument names the input schema declares; anything else is refused. */
  readonly argumentNames: readonly string[];
  readonly outputSchema?: JsonSchema;
}

/** A registered tool with its plugin's code: what a call runs. */
export interface RunnableTool extends RegisteredTool {
  readonly input: Constructor;
  /** Other accepted argument names, mapped to the declared ones before validation (not in the schema). */
  readonly aliases: ArgumentAliases;
  invoke(input: object, context: ToolContext): Promise<unknown>;
}

export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

/** The success envelope every result follows; `data` is the tool's own output schema when it has one. */
export function envelopeSchema(data: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: { ok: { type: 'boolean' }, data, error: { type: 'object' } },
    required: ['ok'],
  };
}

export type { ToolMetadata };

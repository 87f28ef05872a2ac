import type { Constructor, ToolMetadata } from '../decorators/metadata.js';
import type { ToolEffects } from '../decorators/effects.js';
import type { ToolContext } from '../host/tool-context.js';
import type { ArgumentAliases } from './argument-aliases.js';
import type { JsonSchema } from './input-schema.js';

/** A tool ready to serve: its public definition plus how to run it. */
export interface RegisteredTool {
  readonly name: string;
  readonly plugin: string;
  readonly title: string;
  readonly description: string;
  readonly input: Constructor;
  readonly inputSchema: JsonSchema;
  /** The argument names the input schema declares; anything else is refused. */
  readonly argumentNames: readonly string[];
  readonly outputSchema?: JsonSchema;
  readonly effects: ToolEffects;
  readonly searchHint: string;
  readonly alwaysLoad: boolean;
  /** Input fields holding command lines, checked by the command policy. */
  readonly commandFields: readonly string[];
  /** Boolean input fields that make this call destructive when true. */
  readonly destructiveIf: readonly string[];
  /** Other accepted argument names, mapped to the declared ones before validation (not in the schema). */
  readonly aliases: ArgumentAliases;
  /** True when the input carries `workspace`/`region` (the tool reaches an Alpacon workspace). */
  readonly targetsWorkspace: boolean;
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

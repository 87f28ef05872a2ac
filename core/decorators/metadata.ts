/** The only module that touches Reflect metadata: decorators write through it, the registry reads through it. */
import type { ArgumentAliases } from '../registry/argument-aliases.js';
import type { ToolEffects } from './effects.js';

export type Constructor<T = unknown> = new (...args: never[]) => T;

export interface ToolOptions {
  /** snake_case tool name as users know it (`list_servers`). */
  name: string;
  /** Short human title. */
  title: string;
  /** When to use the tool and what it needs; shown to the model. */
  description: string;
  /** class-validator DTO describing the arguments. */
  input: Constructor;
  /** All four MCP behaviour hints, explicit. Use the presets in `Effects`. */
  annotations: ToolEffects;
  /** JSON Schema of `data` in the success envelope, for tools whose result shape is stable. */
  output?: Record<string, unknown>;
  /** A few words for clients with deferred tool loading (tool search). */
  searchHint?: string;
  /** Clients with deferred tool loading should always load this tool. */
  alwaysLoad?: boolean;
  /**
   * Input fields that hold shell command lines (a string or a list of strings). The command policy checks every line in them
   * before the tool runs; any tool that runs commands must name its fields here.
   */
  commandFields?: readonly string[];
  /**
   * Boolean input fields that make an otherwise non-destructive call destructive when true (e.g. `overwrite`): such a call is
   * refused under `disableDestructive` and confirmed under `confirmDestructive`, like a destructive tool.
   */
  destructiveIf?: readonly string[];
  /**
   * Other names accepted for arguments (the Python alpacon-mcp server's, so its prompts keep working), mapped to the tool's own
   * names before validation and never published in the schema. Listed in docs/migrating.md.
   */
  aliases?: ArgumentAliases;
}

export interface ToolMetadata extends ToolOptions {
  /** Method on the tools class that implements the tool. */
  method: string;
}

const TOOLS = Symbol.for('alpacon-mcp:tools');

export function appendToolMetadata(target: object, meta: ToolMetadata): void {
  const existing: ToolMetadata[] = Reflect.getOwnMetadata(TOOLS, target) ?? [];
  Reflect.defineMetadata(TOOLS, [...existing, meta], target);
}

export function readToolMetadata(target: object): ToolMetadata[] {
  const found: unknown = Reflect.getOwnMetadata(TOOLS, target);
  return Array.isArray(found) ? (found as ToolMetadata[]) : [];
}

export interface ResourceOptions {
  /** RFC 6570 URI template, e.g. `alpacon://{region}/{workspace}/servers/{server_id}`; every variable is a property of `input`. */
  uriTemplate: string;
  name: string;
  title: string;
  description: string;
  /** class-validator DTO of the template's variables: validated like a tool's input before the method runs. */
  input: Constructor;
  mimeType?: string;
}

export interface ResourceMetadata extends ResourceOptions {
  method: string;
}

export interface PromptOptions {
  name: string;
  title: string;
  description: string;
  /** class-validator DTO of the prompt's arguments (string properties, each described): its schema is the argument list. */
  input: Constructor;
}

export interface PromptMetadata extends PromptOptions {
  method: string;
}

const RESOURCES = Symbol.for('alpacon-mcp:resources');
const PROMPTS = Symbol.for('alpacon-mcp:prompts');

export function appendResourceMetadata(target: object, meta: ResourceMetadata): void {
  Reflect.defineMetadata(RESOURCES, [...readResourceMetadata(target), meta], target);
}

export function readResourceMetadata(target: object): ResourceMetadata[] {
  const found: unknown = Reflect.getOwnMetadata(RESOURCES, target);
  return Array.isArray(found) ? (found as ResourceMetadata[]) : [];
}

export function appendPromptMetadata(target: object, meta: PromptMetadata): void {
  Reflect.defineMetadata(PROMPTS, [...readPromptMetadata(target), meta], target);
}

export function readPromptMetadata(target: object): PromptMetadata[] {
  const found: unknown = Reflect.getOwnMetadata(PROMPTS, target);
  return Array.isArray(found) ? (found as PromptMetadata[]) : [];
}

/** A property's extra JSON Schema: merged into what its validators imply, or a function that rewrites it. */
export type JsonSchemaPatch = Record<string, unknown> | ((schema: Record<string, unknown>) => Record<string, unknown>);

const JSON_SCHEMA = Symbol.for('alpacon-mcp:json-schema');

export function defineJsonSchema(prototype: object, property: string, patch: JsonSchemaPatch): void {
  Reflect.defineMetadata(JSON_SCHEMA, patch, prototype, property);
}

/** The patch of a DTO property, inherited from a parent DTO when the class itself has none. */
export function readJsonSchema(dto: Constructor, property: string): JsonSchemaPatch | undefined {
  const found: unknown = Reflect.getMetadata(JSON_SCHEMA, dto.prototype as object, property);
  return typeof found === 'function' || (typeof found === 'object' && found !== null) ? (found as JsonSchemaPatch) : undefined;
}

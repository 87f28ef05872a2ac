import { createRequire } from 'node:module';
import type * as ClassValidator from 'class-validator';
import type * as ClassValidatorJsonSchema from 'class-validator-jsonschema';
import { readJsonSchema, type Constructor } from '../decorators/metadata.js';
import { isSharedDescription } from '../dto/shared-arguments.js';

const require = createRequire(import.meta.url);

export type JsonSchema = Record<string, unknown>;

export interface InputSchemaOptions {
  /** Fields that become optional because the config supplies a default (e.g. `workspace`). */
  defaulted?: readonly string[];
  /** Fields still accepted but not published (e.g. `workspace` and `region` when only one workspace is possible). */
  hidden?: readonly string[];
  /** The plugin's shared arguments (manifest `sharedArguments`): descriptions the instructions give instead. */
  shared?: Readonly<Record<string, string>>;
}

/** Thrown while describing a DTO; the registry turns it into a startup error naming the tool. */
export class SchemaProblem extends Error {}

/** Builds the tool's input JSON Schema from its class-validator DTO. */
export function buildInputSchema(input: Constructor, options: InputSchemaOptions = {}): JsonSchema {
  return publishInputSchema(input.name, describeInput(input), options);
}

/**
 * The DTO's schema as class-validator-jsonschema derives it from the decorators, each property's @JSONSchema applied. The
 * generator (and the whole of class-validator it loads) is required here, on first use: built-in plugins are described at
 * build time instead (core/plugins/prepared-plugins.ts), so a normal start never loads it.
 */
export function describeInput(input: Constructor): JsonSchema {
  const { targetConstructorToSchema } = require('class-validator-jsonschema') as typeof ClassValidatorJsonSchema;
  try {
    const raw = targetConstructorToSchema(input) as JsonSchema;
    const derived = (raw.properties ?? {}) as Record<string, JsonSchema>;
    const properties = Object.fromEntries(Object.entries(derived).map(([name, schema]) => [name, applyPatch(input, name, schema)]));
    return { ...raw, properties };
  } catch (error) {
    throw new SchemaProblem(`cannot describe ${input.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The DTO's validated property names, read from class-validator's metadata store (loaded here, on first use). */
export function inputProperties(input: Constructor): string[] {
  const { getMetadataStorage } = require('class-validator/cjs/metadata/MetadataStorage.js') as typeof ClassValidator;
  return [...new Set(getMetadataStorage().getTargetValidationMetadatas(input, '', true, false).map((m) => m.propertyName))];
}

/**
 * The published input schema from the described one: checked, ordered, `workspace` required unless defaulted. It has no
 * `additionalProperties: false`: validation refuses an undeclared name itself (invalid_input, "is not a known argument")
 * and accepts the Python server's argument names, which the schema does not list, so the keyword was stricter than the
 * server and cost every tool 30 bytes of tools/list.
 */
export function publishInputSchema(inputName: string, raw: JsonSchema, options: InputSchemaOptions = {}): JsonSchema {
  const hidden = new Set(options.hidden ?? []);
  const properties = (raw.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, schema] of Object.entries(properties)) {
    if (typeof schema.description !== 'string' || schema.description.length === 0) {
      throw new SchemaProblem(`${inputName}.${name} has no description`);
    }
    if (JSON.stringify(schema).includes('"$ref"')) {
      throw new SchemaProblem(`${inputName}.${name} refers to another class; inline its schema with @JSONSchema`);
    }
  }
  const defaulted = new Set(options.defaulted ?? []);
  const required = new Set<string>(Array.isArray(raw.required) ? (raw.required as string[]) : []);
  if ('workspace' in properties && !defaulted.has('workspace')) required.add('workspace');
  for (const name of [...defaulted, ...hidden]) required.delete(name);
  const published = Object.entries(properties).filter(([n]) => !hidden.has(n));

  return {
    type: 'object',
    properties: sortKeys(Object.fromEntries(published.map(([n, p]) => [n, publishable(n, p, options.shared)]))),
    ...(required.size > 0 ? { required: [...required].sort(byFieldOrder(properties)) } : {}),
  };
}

/** Applies the property's @JSONSchema (read through alpacon-mcp's own metadata, shared by every copy of the host). */
function applyPatch(input: Constructor, name: string, schema: JsonSchema): JsonSchema {
  const patch = readJsonSchema(input, name);
  if (patch === undefined) return schema;
  return typeof patch === 'function' ? patch(schema) : deepMerge(schema, patch);
}

function deepMerge(base: JsonSchema, patch: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortKeys(properties: Record<string, JsonSchema>): Record<string, JsonSchema> {
  // The server first, the tool's own arguments next, the connection fields last.
  const head = ['server_id', 'server_ids'];
  const tail = ['workspace', 'region'];
  const names = Object.keys(properties);
  const ordered = [
    ...head.filter((n) => names.includes(n)),
    ...names.filter((n) => !head.includes(n) && !tail.includes(n)),
    ...tail.filter((n) => names.includes(n)),
  ];
  return Object.fromEntries(ordered.map((n) => [n, properties[n]]));
}

function byFieldOrder(properties: Record<string, JsonSchema>): (a: string, b: string) => number {
  const order = Object.keys(sortKeys(properties));
  return (a, b) => order.indexOf(a) - order.indexOf(b);
}

/**
 * String patterns and lengths are enforced by validation but left out of the published schema: they cost context on every
 * tools/list and a model gains little from them (a violation comes back as a clear invalid_input error).
 */
const UNPUBLISHED = new Set(['pattern', 'minLength', 'maxLength']);

/** A property as published: without the keywords above, and without a description the server instructions already give. */
function publishable(name: string, schema: JsonSchema, shared?: Readonly<Record<string, string>>): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (UNPUBLISHED.has(key) || (key === 'description' && isSharedDescription(name, value, shared))) continue;
    out[key] = key === 'items' && value && typeof value === 'object' && !Array.isArray(value) ? publishable('', value as JsonSchema) : value;
  }
  return out;
}

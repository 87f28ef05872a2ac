import { defineJsonSchema, type JsonSchemaPatch } from './metadata.js';

/**
 * Describes a DTO property for the tool's JSON Schema (every property needs a `description`). An object is merged into the
 * schema the validators imply; a function receives that schema and returns the one to publish. Records metadata under a
 * registry symbol, so the running host reads it whichever copy of alpacon-mcp the plugin imported.
 */
export function JSONSchema(patch: JsonSchemaPatch): PropertyDecorator {
  return (target, propertyKey) => {
    defineJsonSchema(target, String(propertyKey), patch);
  };
}

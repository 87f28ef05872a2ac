import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as ClassValidator from 'class-validator';
import { readJsonSchema, type Constructor } from '../decorators/metadata.js';

const require = createRequire(import.meta.url);
const { getMetadataStorage } = require('class-validator/cjs/metadata/MetadataStorage.js') as typeof ClassValidator;

/**
 * A digest of everything the schema generator reads from a DTO: its validation decorators (with their constraints), its
 * `@JSONSchema` annotations and the property types TypeScript recorded. Equal digests give equal schemas, so a schema
 * prepared at build time is used only while the decorators it came from are unchanged.
 */
export function inputFingerprint(input: Constructor): string {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(input, '', true, false);
  const properties = [...new Set(metadatas.map((m) => m.propertyName))].sort();
  const described = {
    class: input.name,
    validations: metadatas.map((m) => [m.propertyName, m.type, m.name, m.constraintCls?.name, m.constraints, m.each, m.validationTypeOptions]),
    properties: properties.map((p) => [p, readJsonSchema(input, p), designType(input, p)]),
  };
  return createHash('sha1').update(JSON.stringify(described, stable)).digest('base64url');
}

function designType(input: Constructor, property: string): string | undefined {
  const type: unknown = Reflect.getMetadata('design:type', input.prototype as object, property);
  return typeof type === 'function' ? type.name : undefined;
}

function stable(_key: string, value: unknown): unknown {
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  // A @JSONSchema function patch counts by its source; a constraint class by its name.
  if (typeof value === 'function') return /^class\b/.test(String(value)) ? `[class ${value.name}]` : `[function ${String(value)}]`;
  return value;
}

/** The DTO's validated property names, read from class-validator's metadata without the schema generator. */
export function inputProperties(input: Constructor): string[] {
  return [...new Set(getMetadataStorage().getTargetValidationMetadatas(input, '', true, false).map((m) => m.propertyName))];
}

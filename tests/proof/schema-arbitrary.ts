import path from 'node:path';
import fc from 'fast-check';

/** The subset of JSON Schema the tool registry emits (see tests/plugins/__snapshots__/tool-schemas.test.ts.snap). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  additionalProperties?: boolean | JsonSchema;
}

/** Where valid inputs point: the sandbox's workspace and servers, and a throwaway local folder. */
export interface FuzzDomain {
  workspace: string;
  region: string;
  serverIds: string[];
  localRoot: string;
}

export type Args = Record<string, unknown>;

/** Command lines a valid input may carry: harmless in the sandbox's simulated shell and quick to finish. */
const COMMANDS = ['uptime', 'echo hello', 'ls /', 'pwd', 'false', 'whoami', 'cat /etc/hostname', 'df -h', 'true'];
const NAME = /^[a-z0-9_-]{1,12}(\.txt)?$/;

/** Round trip through JSON so inputs are exactly what a client on the wire could send. */
export const asJson = (value: Args): Args => JSON.parse(JSON.stringify(value)) as Args;

/** Inputs the schema accepts (most of them; a validator decides), aimed at the sandbox so destructive ones stay harmless. */
export function validArgs(schema: JsonSchema, domain: FuzzDomain): fc.Arbitrary<Args> {
  const properties = schema.properties ?? {};
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, prop] of Object.entries(properties)) record[key] = valueFor(key, prop, domain);
  return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in record) }).map(asJson);
}

function valueFor(key: string, schema: JsonSchema, domain: FuzzDomain): fc.Arbitrary<unknown> {
  if (key === 'workspace') return fc.oneof({ weight: 9, arbitrary: fc.constant(domain.workspace) }, { weight: 1, arbitrary: fromSchema(schema) });
  if (key === 'region') return fc.oneof({ weight: 9, arbitrary: fc.constant(domain.region) }, { weight: 1, arbitrary: fromSchema(schema) });
  if (key === 'command') return fc.oneof(fc.constantFrom(...COMMANDS), fc.stringMatching(/^[a-z]{1,10}$/));
  if (key === 'commands') return fc.array(fc.constantFrom(...COMMANDS), { minLength: schema.minItems ?? 1, maxLength: 3 });
  if (key === 'local_file_path') return fc.stringMatching(NAME).map((name) => path.join(domain.localRoot, name));
  if (key === 'remote_file_path') return fc.tuple(fc.constantFrom('/tmp', '/home/sandbox-admin'), fc.stringMatching(NAME)).map(([d, n]) => `${d}/${n}`);
  if (key === 'timeout' && isInteger(schema)) return fc.integer({ min: schema.minimum ?? 1, max: Math.min(schema.maximum ?? 3, 3) });
  if (schema.format === 'uuid') return uuid(domain);
  if (key === 'server_ids') return fc.uniqueArray(uuid(domain), { minLength: 1, maxLength: 4 });
  return fromSchema(schema);
}

const uuid = (domain: FuzzDomain) =>
  domain.serverIds.length > 0 ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...domain.serverIds) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();

const isInteger = (schema: JsonSchema) => schema.type === 'integer';

/** A value for the schema alone, with lengths and sizes kept small. */
export function fromSchema(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = schema.items ? fromSchema(schema.items) : fc.string();
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)) };
      return schema.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints);
    }
    case 'object': {
      if (schema.properties) return fc.record(Object.fromEntries(Object.entries(schema.properties).map(([k, p]) => [k, fromSchema(p)])));
      const values = typeof schema.additionalProperties === 'object' ? fromSchema(schema.additionalProperties) : fc.string({ maxLength: 16 });
      return fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/), values, { maxKeys: 3 });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 48, 48));
  const fits = (s: string) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity);
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') {
    return fc.date({ min: new Date('2025-12-25T00:00:00Z'), max: new Date('2026-01-02T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ minLength, maxLength, unit: 'grapheme' }));
}

/** Strings that break naive parsers and path handling. */
export const TRICKY_STRINGS = [
  '', ' ', '../../../../etc/passwd', '..\\..\\windows\\system32', '/etc/passwd\u0000.txt', 'C:\\Windows\\System32\\cmd.exe',
  '%2e%2e%2f%2e%2e%2fetc', '\u202eexe.txt', '😀🔥💥', 'ｓｅｒｖｅｒ', 'a\r\nInjected: header', '${HOME}', '$(reboot)', '`id`',
  "'; DROP TABLE servers; --", '<script>alert(1)</script>', '00000000-0000-0000-0000-00000000000g', '{"$ne":null}', '\\\\?\\C:\\x',
  '\u0000', '\ud800', 'null', 'undefined', 'NaN', '-1', '1e309', 'ap1 ', ' sandbox', 'sandbox.evil.com', '//evil.example/x',
];

const WRONG_VALUES: unknown[] = [0, -1, 1.5, 1e21, true, false, null, [], [1, 2], {}, { nested: { deep: [1] } }, 'text', ['a'], '12'];
/**
 * `__proto__` is not among them: the MCP SDK's request parsing (zod) drops that key before any server code runs, so such a call
 * is indistinguishable from one without it; tests/core/input-schema.test.ts checks that the key, as an own key or as a
 * prototype, is refused when it does reach validation.
 */
const UNKNOWN_KEYS = ['extra', 'token', 'api_key', 'serverId', 'constructor', 'prototype', '💥', 'workspace ', 'REGION'];

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, schema: JsonSchema): boolean {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const actual = typeOf(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

/** Inputs beyond the schema: each starts from a valid one and breaks it in one way (the caller keeps only rejected ones). */
export function mutatedArgs(schema: JsonSchema, domain: FuzzDomain): fc.Arbitrary<{ args: Args; mutation: string }> {
  const properties = schema.properties ?? {};
  const keys = Object.keys(properties);
  const required = schema.required ?? [];
  const pickKey = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('workspace');
  const mutations: fc.Arbitrary<(args: Args) => [Args, string]>[] = [
    fc.tuple(pickKey, fc.constantFrom(...WRONG_VALUES)).map(([key, value]) => (args: Args) => {
      if (properties[key] && matchesType(value, properties[key])) return [{ ...args, [key]: 'not-a-match-\u0000' }, `tricky ${key}`];
      return [{ ...args, [key]: value }, `wrong type ${key}`];
    }),
    fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), fc.jsonValue({ maxDepth: 1, depthSize: 'xsmall' })).map(([key, value]) => (args: Args) => {
      const out: Args = JSON.parse(JSON.stringify(args)) as Args;
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      return [out, `unknown key ${key}`];
    }),
    fc.tuple(pickKey, fc.constantFrom(...TRICKY_STRINGS)).map(([key, value]) => (args: Args) => [{ ...args, [key]: value }, `tricky string ${key}`]),
    fc.tuple(pickKey, fc.integer({ min: 1, max: 70_000 }), fc.constantFrom('A', 'é', '😀', '\u0000', '../')).map(([key, extra, unit]) => (args: Args) => {
      const limit = properties[key]?.maxLength ?? 0;
      return [{ ...args, [key]: unit.repeat(Math.ceil((limit + extra) / unit.length)) }, `huge string ${key}`];
    }),
    fc.tuple(pickKey, fc.constantFrom(-1, 0.5, 1e9, -1e9, Number.MAX_SAFE_INTEGER + 2)).map(([key, n]) => (args: Args) => {
      const prop = properties[key];
      const value = prop?.maximum !== undefined && n > 0 ? prop.maximum + n : prop?.minimum !== undefined && n < 1 ? prop.minimum - 1 + (n % 1) : n;
      return [{ ...args, [key]: value }, `out of range ${key}`];
    }),
    fc.tuple(pickKey, fc.constantFrom('empty', 'duplicates', 'many', 'nested')).map(([key, shape]) => (args: Args) => {
      const current = args[key];
      const item = Array.isArray(current) && current.length > 0 ? current[0] : 'x';
      const value = shape === 'empty' ? [] : shape === 'duplicates' ? [item, item] : shape === 'many' ? Array.from({ length: 120 }, () => item) : [[item]];
      return [{ ...args, [key]: value }, `array ${shape} ${key}`];
    }),
  ];
  if (required.length > 0) {
    mutations.push(fc.constantFrom(...required).map((key) => (args: Args) => {
      const { [key]: _dropped, ...rest } = args;
      return [rest, `missing ${key}`];
    }));
  }
  return fc.tuple(validArgs(schema, domain), fc.oneof(...mutations)).map(([args, mutate]) => {
    const [mutated, mutation] = mutate(args);
    return { args: asJson(mutated), mutation };
  });
}

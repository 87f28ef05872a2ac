import type { ValidationError } from '../dto/class-validator.js';
import type { Constructor } from '../decorators/metadata.js';
import { InvalidInputError, type FieldProblem } from '../errors/index.js';
import { BRAND, hasBrand } from '../brand.js';
import { loadedValidation, validation } from './validation.js';

export interface InputDefaults {
  workspace?: string;
  region: string;
  /** The region a workspace is configured in when it is configured in only one (the call may then leave region out). */
  regionOf?: (workspace: string) => string | undefined;
}

/**
 * Turns raw tool arguments into a validated DTO instance with defaults filled in, or throws InvalidInputError
 * listing every bad field. Runs before any token lookup or HTTP request.
 */
export async function validateInput<T extends object = object>(
  input: Constructor<T> | Constructor,
  args: unknown,
  defaults: InputDefaults,
  /** Argument names the tool's schema declares; anything else (including `__proto__`) is refused outright. */
  known?: readonly string[],
): Promise<T> {
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    throw new InvalidInputError([{ field: '(arguments)', problems: ['must be an object'] }]);
  }
  const unknownKeys = known ? Object.keys(args ?? {}).filter((key) => !known.includes(key)) : [];
  // A `__proto__` key may arrive already turned into the prototype by the protocol layer's parsing: refuse it too.
  const prototype: unknown = args === undefined ? Object.prototype : Object.getPrototypeOf(args);
  if (prototype !== Object.prototype && prototype !== null) unknownKeys.push('__proto__');
  const plain: Record<string, unknown> = Object.fromEntries(
    Object.entries((args ?? {}) as Record<string, unknown>).filter(([key]) => !unknownKeys.includes(key)),
  );
  // The Python server's tools default region to "" (meaning: find it): an empty region is a region left out.
  if (plain.region === '' && takesWorkspace(input)) delete plain.region;
  const { plainToInstance, validate } = loadedValidation() ?? (await validation());
  const instance = plainToInstance(input as unknown as new () => T, plain) as T & { workspace?: string; region?: string };
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  const problems = [
    ...unknownKeys.map((field) => ({ field, problems: ['is not a known argument'] })),
    // class-validator's IsOptional lets null through; no argument here is nullable, so say so instead of sending it.
    ...Object.entries(plain)
      .filter(([, value]) => value === null)
      .map(([field]) => ({ field, problems: ['must not be null (leave the argument out instead)'] })),
    ...errors.flatMap((e) => toProblems(e, '', plain)),
  ];

  if (takesWorkspace(input)) {
    if (instance.workspace === undefined) {
      if (defaults.workspace) instance.workspace = defaults.workspace;
      else if (!problems.some((p) => p.field === 'workspace')) {
        problems.push({ field: 'workspace', problems: ['is required (no defaultWorkspace is configured)'] });
      }
    }
    if (instance.region === undefined) {
      const known = typeof instance.workspace === 'string' && problems.length === 0 ? defaults.regionOf?.(instance.workspace) : undefined;
      instance.region = known ?? defaults.region;
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return instance;
}

/**
 * One field's problems. A required argument that is absent is just "is required": listing every constraint it would
 * also break ("must be a UUID", "should not be empty") sends the caller after the wrong fix. `source` is the object that
 * was validated (absence is judged only when it is given).
 */
export function toProblems(error: ValidationError, prefix = '', source?: unknown): FieldProblem[] {
  const field = prefix ? `${prefix}.${error.property}` : error.property;
  const value = typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[error.property] : undefined;
  const messages = error.constraints ? Object.values(error.constraints).map((m) => stripFieldName(m, error.property)) : [];
  const absent = source !== undefined && value === undefined && messages.length > 0 && !messages.every((m) => m === 'is not a known argument');
  const own = messages.length === 0 ? [] : [{ field, problems: absent ? ['is required'] : messages }];
  const nested = (error.children ?? []).flatMap((child) => toProblems(child, field, value ?? (source === undefined ? undefined : {})));
  return [...own, ...nested];
}

/** class-validator messages start with the property name; the field is already named. */
function stripFieldName(message: string, property: string): string {
  if (message.startsWith('property ') && message.endsWith('should not exist')) return 'is not a known argument';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

export function takesWorkspace(input: Constructor): boolean {
  return hasBrand(input, BRAND.workspaceInput);
}

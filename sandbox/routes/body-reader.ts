import { fieldErrors } from '../http/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

interface StringRule {
  required?: boolean;
  allowBlank?: boolean;
  max?: number;
  pattern?: RegExp;
  patternMessage?: string;
}

/**
 * Reads a JSON body field by field and collects DRF-style errors (`{field: ["msg"]}`).
 * With `partial` (PATCH) missing fields are skipped rather than required. Call `done()` to throw the 400.
 */
export class BodyReader {
  readonly errors: Record<string, string[]> = {};
  private readonly data: Record<string, unknown>;

  constructor(body: unknown, private readonly partial = false) {
    if (body === undefined) this.data = {};
    else if (typeof body === 'object' && body !== null && !Array.isArray(body)) this.data = body as Record<string, unknown>;
    else {
      this.data = {};
      this.error('non_field_errors', `Invalid data. Expected a dictionary, but got ${Array.isArray(body) ? 'list' : typeof body}.`);
    }
  }

  has(key: string): boolean {
    return this.data[key] !== undefined;
  }

  error(key: string, message: string): void {
    (this.errors[key] ??= []).push(message);
  }

  private missing(key: string, required: boolean): boolean {
    if (this.data[key] !== undefined && this.data[key] !== null) return false;
    if (required && !this.partial) this.error(key, this.data[key] === null ? 'This field may not be null.' : 'This field is required.');
    return true;
  }

  string(key: string, rule: StringRule = {}): string | undefined {
    if (this.missing(key, rule.required ?? false)) return undefined;
    const value = this.data[key];
    if (typeof value !== 'string') return this.error(key, 'Not a valid string.'), undefined;
    if (value.trim() === '' && !(rule.allowBlank ?? false)) return this.error(key, 'This field may not be blank.'), undefined;
    if (rule.max !== undefined && value.length > rule.max) {
      return this.error(key, `Ensure this field has no more than ${rule.max} characters.`), undefined;
    }
    if (rule.pattern !== undefined && value !== '' && !rule.pattern.test(value)) {
      return this.error(key, rule.patternMessage ?? 'Enter a valid value.'), undefined;
    }
    return value;
  }

  boolean(key: string, required = false): boolean | undefined {
    if (this.missing(key, required)) return undefined;
    const value = this.data[key];
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 1) return true;
    if (value === 'false' || value === 0) return false;
    this.error(key, 'Must be a valid boolean.');
    return undefined;
  }

  number(key: string, required = false): number | undefined {
    if (this.missing(key, required)) return undefined;
    const value = this.data[key];
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number === 'number' && Number.isFinite(number)) return number;
    this.error(key, 'A valid number is required.');
    return undefined;
  }

  /** A UUID that must name an existing object (`exists`). */
  reference(key: string, exists: (id: string) => boolean, required = false): string | undefined {
    if (this.missing(key, required)) return undefined;
    const value = this.data[key];
    if (typeof value !== 'string' || !isUuid(value)) return this.error(key, 'Must be a valid UUID.'), undefined;
    if (!exists(value)) return this.error(key, `Invalid pk "${value}" - object does not exist.`), undefined;
    return value;
  }

  references(key: string, exists: (id: string) => boolean): string[] | undefined {
    if (this.missing(key, false)) return undefined;
    const value = this.data[key];
    if (!Array.isArray(value)) return this.error(key, `Expected a list of items but got type "${typeof value}".`), undefined;
    const bad = value.find((v) => typeof v !== 'string' || !isUuid(v) || !exists(v));
    if (bad !== undefined) return this.error(key, `Invalid pk "${String(bad)}" - object does not exist.`), undefined;
    return value as string[];
  }

  stringList(key: string): string[] | undefined {
    if (this.missing(key, false)) return undefined;
    const value = this.data[key];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      return this.error(key, 'Expected a list of strings.'), undefined;
    }
    return value as string[];
  }

  stringMap(key: string): Record<string, string> | null | undefined {
    if (this.data[key] === null) return null;
    if (this.missing(key, false)) return undefined;
    const value = this.data[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
      return this.error(key, 'Expected a dictionary of strings.'), undefined;
    }
    return value as Record<string, string>;
  }

  /** Throws the DRF 400 when any field failed. */
  done(): void {
    if (Object.keys(this.errors).length > 0) throw fieldErrors(this.errors);
  }
}

/** Query helper: `?flag=true|false|1|0`; undefined when absent. */
export function queryBool(query: URLSearchParams, key: string): boolean | undefined {
  const value = query.get(key);
  if (value === null || value === '') return undefined;
  return value === 'true' || value === 'True' || value === '1';
}

/** Applies `?ordering=field,-field2` over plain records; unknown fields are ignored (DRF). */
export function applyOrdering<T>(items: T[], ordering: string | null, allowed: readonly string[], fallback: string): T[] {
  const keys = (ordering ?? fallback).split(',').map((k) => k.trim()).filter((k) => allowed.includes(k.replace(/^-/, '')));
  if (keys.length === 0) return items;
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const field = key.replace(/^-/, '');
      const x = (a as Record<string, unknown>)[field];
      const y = (b as Record<string, unknown>)[field];
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
      if (cmp !== 0) return key.startsWith('-') ? -cmp : cmp;
    }
    return 0;
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { isUUID, ValidateBy, type ValidationOptions } from '../class-validator.js';

export function isDistinctUuidList(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  if (!value.every((v) => typeof v === 'string' && isUUID(v))) return false;
  return new Set(value.map((v: string) => v.toLowerCase())).size === value.length;
}

/** A non-empty list of distinct UUIDs (server_ids). */
export function IsDistinctUuidList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDistinctUuidList',
      validator: { validate: isDistinctUuidList, defaultMessage: () => 'must be a non-empty list of distinct UUIDs' },
    },
    options,
  );
}

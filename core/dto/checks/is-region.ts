import type { ValidationOptions } from '../class-validator.js';
import { validateBy } from './validate-by.js';

export const REGIONS = ['ap1', 'us1', 'eu1', 'dev'] as const;
export type Region = (typeof REGIONS)[number];
export const DEFAULT_REGION: Region = 'ap1';

export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}

export function IsRegion(options?: ValidationOptions): PropertyDecorator {
  return validateBy(
    {
      name: 'isRegion',
      constraints: [REGIONS],
      validator: { validate: isRegion, defaultMessage: () => `must be one of ${REGIONS.join(', ')}` },
    },
    options,
  );
}

import type { ValidationOptions } from '../class-validator.js';
import { validateBy } from './validate-by.js';

export const WORKSPACE_PATTERN = /^[A-Za-z0-9_-]{1,63}$/;

export function isWorkspaceSlug(value: unknown): value is string {
  return typeof value === 'string' && WORKSPACE_PATTERN.test(value);
}

export function IsWorkspaceSlug(options?: ValidationOptions): PropertyDecorator {
  return validateBy(
    {
      name: 'isWorkspaceSlug',
      validator: {
        validate: isWorkspaceSlug,
        defaultMessage: () => 'must be a workspace name: 1-63 letters, digits, "_" or "-"',
      },
    },
    options,
  );
}

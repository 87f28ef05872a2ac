import { ValidateBy, type ValidationOptions } from '../class-validator.js';

export const WORKSPACE_PATTERN = /^[A-Za-z0-9_-]{1,63}$/;

export function isWorkspaceSlug(value: unknown): value is string {
  return typeof value === 'string' && WORKSPACE_PATTERN.test(value);
}

export function IsWorkspaceSlug(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
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

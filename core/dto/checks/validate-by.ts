import { createRequire } from 'node:module';
import type * as ClassValidator from 'class-validator';

const require = createRequire(import.meta.url);

/**
 * class-validator's `ValidateBy`, required when a DTO first uses a check: the configuration reads the checks' plain predicates
 * (isRegion, isWorkspaceSlug) at every start, and must not load class-validator for that.
 */
export function validateBy(...args: Parameters<typeof ClassValidator.ValidateBy>): PropertyDecorator {
  const { ValidateBy } = require('class-validator/cjs/decorator/common/ValidateBy.js') as typeof ClassValidator;
  return ValidateBy(...args);
}

import type * as ClassTransformer from 'class-transformer';
import type * as OurClassValidator from '../dto/class-validator.js';

/** The validation machinery DTOs are checked with. */
export interface Validation {
  plainToInstance: typeof ClassTransformer.plainToInstance;
  validate: typeof OurClassValidator.validate;
  validateSync: typeof OurClassValidator.validateSync;
}

let loaded: Validation | undefined;

/**
 * class-transformer and class-validator's Validator, imported on the first validation: a start that serves the prepared tool
 * list of the built-in plugins needs neither before the first call.
 */
export async function validation(): Promise<Validation> {
  if (loaded) return loaded;
  const [transformer, validator] = await Promise.all([import('class-transformer'), import('../dto/class-validator.js')]);
  loaded = { plainToInstance: transformer.plainToInstance, validate: validator.validate, validateSync: validator.validateSync };
  return loaded;
}

/** The machinery when already imported (the common case after the first call: no extra await). */
export function loadedValidation(): Validation | undefined {
  return loaded;
}

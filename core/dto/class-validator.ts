/**
 * class-validator, loaded one decorator module at a time. Its index loads every decorator it has, and with them all of
 * validator.js and libphonenumber's metadata (measured: 150–350 ms and ~8 MiB at start on the 2-core machine), although no
 * DTO here validates a phone number. Each decorator module below loads only its own predicate. Types come from the package
 * itself, so every export keeps class-validator's exact signature. Any other decorator can be imported from
 * 'class-validator' directly: both share one global metadata store, so it validates the same way.
 */
import { createRequire } from 'node:module';
import type * as ClassValidator from 'class-validator';
import { cacheValidationMetadata } from './metadata-cache.js';

const require = createRequire(import.meta.url);
const part = (file: string): typeof ClassValidator => require(`class-validator/cjs/${file}.js`) as typeof ClassValidator;

export type {
  ValidationArguments,
  ValidationError,
  ValidationOptions,
  ValidatorConstraintInterface,
  ValidatorOptions,
} from 'class-validator';

export const { registerDecorator } = part('register-decorator');
export const { ValidatorConstraint, Validate } = part('decorator/common/Validate');
export const { ValidateBy, buildMessage } = part('decorator/common/ValidateBy');
export const { ValidateIf } = part('decorator/common/ValidateIf');
export const { ValidateNested } = part('decorator/common/ValidateNested');
export const { Allow } = part('decorator/common/Allow');
export const { IsOptional } = part('decorator/common/IsOptional');
export const { IsDefined } = part('decorator/common/IsDefined');
export const { Equals, equals } = part('decorator/common/Equals');
export const { NotEquals, notEquals } = part('decorator/common/NotEquals');
export const { IsIn, isIn } = part('decorator/common/IsIn');
export const { IsNotIn, isNotIn } = part('decorator/common/IsNotIn');
export const { IsNotEmpty, isNotEmpty } = part('decorator/common/IsNotEmpty');

export const { IsString, isString } = part('decorator/typechecker/IsString');
export const { IsBoolean, isBoolean } = part('decorator/typechecker/IsBoolean');
export const { IsInt, isInt } = part('decorator/typechecker/IsInt');
export const { IsNumber, isNumber } = part('decorator/typechecker/IsNumber');
export const { IsArray, isArray } = part('decorator/typechecker/IsArray');
export const { IsObject, isObject } = part('decorator/typechecker/IsObject');
export const { IsEnum, isEnum } = part('decorator/typechecker/IsEnum');
export const { IsDate, isDate } = part('decorator/typechecker/IsDate');

export const { Min, min } = part('decorator/number/Min');
export const { Max, max } = part('decorator/number/Max');
export const { IsPositive, isPositive } = part('decorator/number/IsPositive');

export const { ArrayMinSize, arrayMinSize } = part('decorator/array/ArrayMinSize');
export const { ArrayMaxSize, arrayMaxSize } = part('decorator/array/ArrayMaxSize');
export const { ArrayNotEmpty, arrayNotEmpty } = part('decorator/array/ArrayNotEmpty');
export const { ArrayUnique, arrayUnique } = part('decorator/array/ArrayUnique');

export const { IsUUID, isUUID } = part('decorator/string/IsUUID');
export const { Length, length } = part('decorator/string/Length');
export const { MinLength, minLength } = part('decorator/string/MinLength');
export const { MaxLength, maxLength } = part('decorator/string/MaxLength');
export const { Matches, matches } = part('decorator/string/Matches');
export const { IsEmail, isEmail } = part('decorator/string/IsEmail');
export const { IsUrl, isURL } = part('decorator/string/IsUrl');
export const { IsIP, isIP } = part('decorator/string/IsIP');
export const { IsFQDN, isFQDN } = part('decorator/string/IsFQDN');
export const { IsPort, isPort } = part('decorator/string/IsPort');
export const { IsISO8601, isISO8601 } = part('decorator/string/IsISO8601');
export const { IsDateString, isDateString } = part('decorator/string/IsDateString');
export const { IsNumberString, isNumberString } = part('decorator/string/IsNumberString');
export const { IsAlphanumeric, isAlphanumeric } = part('decorator/string/IsAlphanumeric');
export const { IsHexadecimal, isHexadecimal } = part('decorator/string/IsHexadecimal');
export const { IsSemVer, isSemVer } = part('decorator/string/IsSemVer');
export const { IsJSON, isJSON } = part('decorator/string/IsJSON');
export const { IsTimeZone, isTimeZone } = part('decorator/string/IsTimeZone');
export const { Contains, contains } = part('decorator/string/Contains');
export const { NotContains, notContains } = part('decorator/string/NotContains');

cacheValidationMetadata();

const { getFromContainer } = part('container');
const { Validator } = part('validation/Validator');

/** class-validator's `validateSync(object, options)`, without loading its index. */
export function validateSync(object: object, options?: ClassValidator.ValidatorOptions): ClassValidator.ValidationError[] {
  return getFromContainer(Validator).validateSync(object, options);
}

/** class-validator's `validate(object, options)`, without loading its index. */
export function validate(object: object, options?: ClassValidator.ValidatorOptions): Promise<ClassValidator.ValidationError[]> {
  return getFromContainer(Validator).validate(object, options);
}

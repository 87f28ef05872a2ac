/**
 * The class-validator decorators a tool input needs, and no more: the plugin API stays small and reviewable. Validation
 * metadata lives in class-validator's global storage, so these work whichever copy of alpacon-mcp a plugin imports.
 */
export {
  IsOptional, IsDefined, IsNotEmpty,
  IsString, IsBoolean, IsInt, IsNumber, IsPositive, IsObject, IsArray,
  IsIn, IsEnum, IsUUID, IsEmail, IsUrl, IsFQDN, IsIP, IsISO8601,
  Min, Max, MinLength, MaxLength, Length, Matches,
  ArrayMinSize, ArrayMaxSize, ArrayNotEmpty, ArrayUnique,
  ValidateBy, isUUID,
  type ValidationOptions,
} from './class-validator.js';

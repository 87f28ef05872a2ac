import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  JSONSchema,
  Matches,
  MaxLength,
  WorkspaceInput,
  PageInput,
} from '../../core/index.js';

const SCOPE = /^[a-z*][a-z0-9_-]*:[a-z*][a-z0-9_-]*$/;
const scopesSchema = () => ({ type: 'array' as const, items: { type: 'string' as const }, description: 'resource:action scopes (list_api_token_scopes)' });

export class ListApiTokensInput extends PageInput {}

class TokenIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Token id (list_api_tokens)' })
  token_id!: string;
}

export class GetApiTokenInput extends TokenIdInput {}

export class DeleteApiTokenInput extends TokenIdInput {}

export class ListApiTokenScopesInput extends WorkspaceInput {}

export class CreateApiTokenInput extends WorkspaceInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @JSONSchema({ description: 'Token name, unique per user' })
  name!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(SCOPE, { each: true, message: 'each scope must look like resource:action' })
  @JSONSchema(scopesSchema)
  scopes?: string[];

  @IsOptional()
  @IsISO8601()
  @JSONSchema({ description: 'Expiry (ISO 8601); none = never' })
  expires_at?: string;
}

export class UpdateApiTokenInput extends TokenIdInput {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @JSONSchema({ description: 'New name' })
  name?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'false disables the token' })
  enabled?: boolean;

  @IsOptional()
  @IsISO8601()
  @JSONSchema({ description: 'New expiry (ISO 8601)' })
  expires_at?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'true = never expires' })
  clear_expires_at?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(SCOPE, { each: true, message: 'each scope must look like resource:action' })
  @JSONSchema(scopesSchema)
  scopes?: string[];
}

export class DuplicateApiTokenInput extends TokenIdInput {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @JSONSchema({ description: 'Name of the copy' })
  name?: string;
}

export class ListApiTokenPresetsInput extends WorkspaceInput {}

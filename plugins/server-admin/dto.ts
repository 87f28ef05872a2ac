import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  JSONSchema,
  Matches,
  MaxLength,
  ServerInput,
  WorkspaceInput,
  PageInput,
} from '../../core/index.js';

export class UpdateServerInput extends ServerInput {
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,128}$/)
  @JSONSchema({ description: 'New server name' })
  name?: string;

  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  @JSONSchema({ description: 'Group ids (list_iam_groups) that may reach it; replaces the list' })
  groups?: string[];
}

export class StarServerInput extends ServerInput {
  @IsBoolean()
  @JSONSchema({ description: 'true to star, false to unstar' })
  starred!: boolean;
}

export class UnregisterServerInput extends ServerInput {}

export class ServerActionInput extends ServerInput {}

export class DisruptiveActionInput extends ServerInput {
  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Run even if users are working on it (default false)' })
  force?: boolean;
}

export class ListRegistrationTokensInput extends PageInput {}

export class CreateRegistrationTokenInput extends WorkspaceInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @JSONSchema({ description: 'Token name, e.g. prod-web-2026-q3' })
  name!: string;

  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  @JSONSchema({ description: 'Group ids new servers join (list_iam_groups)' })
  allowed_groups?: string[];

  @IsOptional()
  @IsISO8601({ strict: true })
  @JSONSchema({ description: 'Expiry (ISO 8601); default never' })
  expires_at?: string;
}

export class DeleteRegistrationTokenInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Token id (list_registration_tokens)' })
  token_id!: string;
}

export const PLATFORMS = ['debian', 'rhel', 'darwin', 'windows'] as const;

export class GetRegistrationGuideInput extends WorkspaceInput {
  @IsIn(PLATFORMS)
  @JSONSchema({ type: 'string', enum: [...PLATFORMS], description: 'OS of the new server' })
  platform!: string;

  @IsUUID()
  @JSONSchema({ description: 'Registration token id (list_registration_tokens)' })
  token_id!: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,128}$/)
  @JSONSchema({ description: 'Name for the new server' })
  server_name?: string;
}

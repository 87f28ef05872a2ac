import {
  IsBoolean,
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  JSONSchema,
  MaxLength,
  WorkspaceInput,
  SummaryPageInput,
  SHARED_ARGUMENTS,
} from '../../core/index.js';

export class ListIamUsersInput extends SummaryPageInput {
  @IsOptional()
  @IsString()
  @MaxLength(150)
  @JSONSchema({ description: 'Only the user with exactly this username' })
  username?: string;
}

class UserIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: SHARED_ARGUMENTS.user_id })
  user_id!: string;
}

export class GetIamUserInput extends UserIdInput {}

export class DeleteIamUserInput extends UserIdInput {}

/** Optional profile fields shared by create and update; sent to the API under the same names. */
export const USER_FIELDS = ['username', 'email', 'first_name', 'last_name', 'password', 'is_active', 'is_staff'] as const;

export class CreateIamUserInput extends WorkspaceInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  @JSONSchema({ description: 'Login name' })
  username!: string;

  @IsEmail()
  @JSONSchema({ description: 'Email address' })
  email!: string;

  @IsOptional()
  @IsString()
  @MaxLength(150)
  @JSONSchema({ description: 'First name' })
  first_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(150)
  @JSONSchema({ description: 'Last name' })
  last_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  @JSONSchema({ description: 'Initial password (never returned)', writeOnly: true })
  password?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'May log in (default true)' })
  is_active?: boolean;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Workspace admin (default false)' })
  is_staff?: boolean;

}

export class UpdateIamUserInput extends UserIdInput {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  @JSONSchema({ description: 'New login name' })
  username?: string;

  @IsOptional()
  @IsEmail()
  @JSONSchema({ description: 'New email' })
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(150)
  @JSONSchema({ description: 'New first name' })
  first_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(150)
  @JSONSchema({ description: 'New last name' })
  last_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  @JSONSchema({ description: 'New password (never returned)', writeOnly: true })
  password?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'false disables login' })
  is_active?: boolean;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Workspace admin' })
  is_staff?: boolean;

}

export class ListIamGroupsInput extends SummaryPageInput {
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @JSONSchema({ description: 'Only the group with exactly this name' })
  name?: string;
}

export class CreateIamGroupInput extends WorkspaceInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  @JSONSchema({ description: 'Group name, e.g. dev-ops' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  @JSONSchema({ description: 'Human-readable name (default: name)' })
  display_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @JSONSchema({ description: 'What the group is for' })
  description?: string;
}

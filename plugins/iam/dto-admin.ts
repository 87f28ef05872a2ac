import { IsEmail, IsIn, IsOptional, IsString, IsUUID, JSONSchema, MaxLength, WorkspaceInput, PageInput, SHARED_ARGUMENTS, withFields } from '../../core/index.js';

class GroupIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: SHARED_ARGUMENTS.group_id })
  group_id!: string;
}

export class GetIamGroupInput extends GroupIdInput {}

export class DeleteIamGroupInput extends GroupIdInput {}

export class UpdateIamGroupInput extends GroupIdInput {
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @JSONSchema({ description: 'New display name' })
  display_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @JSONSchema({ description: 'New description' })
  description?: string;
}

export class ListIamMembershipsInput extends withFields(PageInput) {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only this group' })
  group_id?: string;

  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only this user' })
  user_id?: string;
}

export const MEMBERSHIP_ROLES = ['member', 'manager', 'owner'] as const;

export class AddIamMemberInput extends GroupIdInput {
  @IsUUID()
  @JSONSchema({ description: SHARED_ARGUMENTS.user_id })
  user_id!: string;

  @IsOptional()
  @IsIn(MEMBERSHIP_ROLES)
  @JSONSchema({ type: 'string', enum: [...MEMBERSHIP_ROLES], description: 'Default member' })
  role?: string;
}

export class RemoveIamMemberInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'From list_iam_memberships' })
  membership_id!: string;
}

export class InviteWorkspaceUserInput extends WorkspaceInput {
  @IsEmail()
  @MaxLength(254)
  @JSONSchema({ description: 'Email to invite' })
  email!: string;
}

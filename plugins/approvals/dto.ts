import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  JSONSchema,
  Matches,
  MaxLength,
  WorkspaceInput,
  PageInput,
  withFields,
} from '../../core/index.js';

class PageFields extends PageInput {
}

const uuidList = (description: string) => () => ({ type: 'array' as const, items: { type: 'string' as const, format: 'uuid' }, description });

export class ListApprovalRequestsInput extends withFields(PageFields) {
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected', 'cancelled', 'expired'])
  @JSONSchema({ description: 'Only this status' })
  status?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  @JSONSchema({ description: 'Only this type, e.g. work_session, sudo' })
  request_type?: string;
}

export class GetApprovalRequestInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Request id (list_approval_requests)' })
  request_id!: string;
}

export class ExplainApprovalDecisionInput extends WorkspaceInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'The approval request this is about (list_approval_requests), echoed back' })
  request_id?: string;
}

export class ListSudoPoliciesInput extends PageFields {}

export class CreateSudoPolicyInput extends WorkspaceInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @JSONSchema({ description: 'Policy name' })
  name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @JSONSchema({ type: 'array', items: { type: 'string' }, description: 'Commands sudo may run' })
  commands!: string[];

  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @JSONSchema(uuidList('User ids (list_iam_users)'))
  users?: string[];

  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @JSONSchema(uuidList('Group ids (list_iam_groups)'))
  groups?: string[];

  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @JSONSchema(uuidList('Server ids (list_servers)'))
  servers?: string[];

  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_-]{0,31}$/)
  @JSONSchema({ description: 'Run as this Linux user (default root)' })
  run_as?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'No password prompt (default false)' })
  no_password?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @JSONSchema({ description: 'Free text' })
  description?: string;
}

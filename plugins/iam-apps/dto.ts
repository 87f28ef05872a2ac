import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, JSONSchema, MaxLength, PageInput, WorkspaceInput, withFields,
} from '../../core/index.js';

/** Names and values from the Python alpacon-mcp server (tools/iam_tools.py, VALID_SERVICE_TYPES); the only source. */
export const SERVICE_TYPES = ['ci_cd', 'monitoring', 'automation', 'integration'] as const;

export class ListIamApplicationsInput extends withFields(PageInput) {}

class AppIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Application id (list_iam_applications)' })
  app_id!: string;
}

export class GetIamApplicationInput extends AppIdInput {}
export class DeleteIamApplicationInput extends AppIdInput {}

export class CreateIamApplicationInput extends WorkspaceInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @JSONSchema({ description: 'Application name, e.g. ci-deployer' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @JSONSchema({ description: 'What the application is for' })
  description?: string;

  @IsOptional()
  @IsIn(SERVICE_TYPES)
  @JSONSchema({ type: 'string', enum: [...SERVICE_TYPES], description: 'Kind of service (Alpacon defaults to integration)' })
  service_type?: string;
}

export class UpdateIamApplicationInput extends AppIdInput {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @JSONSchema({ description: 'New name' })
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @JSONSchema({ description: 'New description' })
  description?: string;
}

class SystemUsersInput extends AppIdInput {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  @JSONSchema({ type: 'array', items: { type: 'string', format: 'uuid' }, description: 'System user ids: the id of entries of list_system_users' })
  system_user_ids!: string[];
}

export class AssignApplicationSystemUsersInput extends SystemUsersInput {}
export class UnassignApplicationSystemUsersInput extends SystemUsersInput {}

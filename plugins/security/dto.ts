import {
  IsDistinctUuidList,
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
} from '../../core/index.js';

const LINUX_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

class TokenInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'API token id (list_api_tokens)' })
  token_id!: string;
}

export class ListAclsInput extends PageInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only entries of this API token (list_api_tokens)' })
  token_id?: string;
}

export class DeleteAclInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'ACL entry id (from the matching list tool)' })
  acl_id!: string;
}

class RunAsFields extends TokenInput {
  @IsOptional()
  @Matches(LINUX_NAME)
  @JSONSchema({ description: 'Only as this Linux user' })
  username?: string;

  @IsOptional()
  @Matches(LINUX_NAME)
  @JSONSchema({ description: 'Only as this Linux group' })
  groupname?: string;
}

export class CreateCommandAclInput extends RunAsFields {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  @JSONSchema({ description: 'Allowed command pattern, e.g. "systemctl status *"' })
  command!: string;
}

export class CreateServerAclInput extends TokenInput {
  @IsUUID()
  @JSONSchema({ description: 'Server the token may reach (list_servers)' })
  server_id!: string;
}

export class BulkServerAclInput extends TokenInput {
  @IsIn(['add', 'remove'])
  @JSONSchema({ description: 'add or remove the servers' })
  action!: 'add' | 'remove';

  @IsDistinctUuidList()
  @JSONSchema(() => ({ type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, description: 'Server ids (list_servers)' }))
  server_ids!: string[];
}

export class CreateFileAclInput extends RunAsFields {
  @IsString()
  @Matches(/^\//, { message: 'path must be absolute' })
  @MaxLength(1024)
  @JSONSchema({ description: 'Allowed absolute path pattern, e.g. /var/log/*' })
  path!: string;

  @IsIn(['upload', 'download', '*'])
  @JSONSchema({ description: 'upload, download or * (both)' })
  action!: string;
}

/** Linux name, or '' to clear the restriction. */
const LINUX_NAME_OR_BLANK = /^([a-z_][a-z0-9_-]{0,31})?$/;

class UpdateRunAsFields extends DeleteAclInput {
  @IsOptional()
  @Matches(LINUX_NAME_OR_BLANK)
  @JSONSchema({ description: 'Run-as Linux user; "" clears it' })
  username?: string;

  @IsOptional()
  @Matches(LINUX_NAME_OR_BLANK)
  @JSONSchema({ description: 'Run-as Linux group; "" clears it' })
  groupname?: string;
}

export class UpdateCommandAclInput extends UpdateRunAsFields {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  @JSONSchema({ description: 'New command pattern' })
  command?: string;
}

export class UpdateServerAclInput extends DeleteAclInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'New server (list_servers)' })
  server_id?: string;

  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Move the entry to this API token (list_api_tokens)' })
  token_id?: string;
}

export class UpdateFileAclInput extends UpdateRunAsFields {
  @IsOptional()
  @IsString()
  @Matches(/^\//, { message: 'path must be absolute' })
  @MaxLength(1024)
  @JSONSchema({ description: 'New absolute path pattern' })
  path?: string;

  @IsOptional()
  @IsIn(['upload', 'download', '*'])
  @JSONSchema({ description: 'upload, download or *' })
  action?: string;
}

import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  JSONSchema,
  MaxLength,
  WorkspaceInput,
  PageInput,
} from '../../core/index.js';

/** alpacon-cli `cmd/worksession/worksession_create.go` validScopePresets; `websh` is refused for agent sessions (this tool's). */
export const SCOPES = ['command', 'editor', 'sudo', 'tunnel', 'webftp', 'websh'] as const;
export const STATUSES = ['pending', 'approved', 'active', 'completed', 'rejected', 'cancelled', 'expired', 'revoked'] as const;
export const UPDATE_FIELDS = ['title', 'description', 'scopes', 'servers', 'expires_at'] as const;

const SCOPES_SCHEMA = () => ({ type: 'array' as const, items: { type: 'string' as const, enum: [...SCOPES] }, description: 'Allowed operations (websh only in sessions a person opens, not in these agent sessions)' });
const SERVERS_SCHEMA = () => ({ type: 'array' as const, items: { type: 'string' as const, format: 'uuid' }, description: 'Target server ids (list_servers)' });

class SessionIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Work session id (work_session_list)' })
  session_id!: string;
}

export class WorkSessionCreateInput extends WorkspaceInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  @JSONSchema({ description: 'What you will do and why, for the approver (prose, not commands)' })
  description!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(SCOPES, { each: true })
  @JSONSchema(SCOPES_SCHEMA)
  scopes!: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  @JSONSchema(SERVERS_SCHEMA)
  servers!: string[];

  @IsISO8601()
  @JSONSchema({ description: 'Expiry, ISO 8601 datetime' })
  expires_at!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @JSONSchema({ description: 'Short title' })
  title?: string;
}

export class WorkSessionGetInput extends SessionIdInput {}

export class WorkSessionCloseInput extends SessionIdInput {}

export class WorkSessionAnalyzeInput extends SessionIdInput {
  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Re-run an analysis stuck in pending or processing (a completed one is never replaced)' })
  force?: boolean;
}

export class WorkSessionListInput extends PageInput {
  @IsOptional()
  @IsIn(STATUSES)
  @JSONSchema({ description: 'Only this status' })
  status?: string;

  @IsOptional()
  @IsIn(['user', 'agent'])
  @JSONSchema({ description: 'user (human) or agent' })
  requester_type?: string;
}

export class WorkSessionUpdateInput extends SessionIdInput {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @JSONSchema({ description: 'New title' })
  title?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  @JSONSchema({ description: 'New description' })
  description?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(SCOPES, { each: true })
  @JSONSchema(SCOPES_SCHEMA)
  scopes?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  @JSONSchema(SERVERS_SCHEMA)
  servers?: string[];

  @IsOptional()
  @IsISO8601()
  @JSONSchema({ description: 'New expiry, ISO 8601' })
  expires_at?: string;
}

export class WorkSessionExtendInput extends SessionIdInput {
  @IsISO8601()
  @JSONSchema({ description: 'New expiry, later than the current one (ISO 8601)' })
  expires_at!: string;
}

export class WorkSessionTimelineInput extends PageInput {
  @IsUUID()
  @JSONSchema({ description: 'Work session id (work_session_list)' })
  session_id!: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Include Websh records (default true)' })
  include_records?: boolean;
}

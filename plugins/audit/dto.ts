import { IsIn, IsInt, IsOptional, IsUUID, JSONSchema, Matches, Max, MaxLength, Min, PageInput, WorkspaceInput, withFields } from '../../core/index.js';

const NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** Cursor paging of the history endpoints: pass a result's next_cursor back as cursor. */
class CursorInput extends WorkspaceInput {
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/=_-]+$/, { message: 'cursor must be the next_cursor of a previous call' })
  @MaxLength(1024)
  @JSONSchema({ description: 'next_cursor from the previous call' })
  cursor?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  @JSONSchema({ description: 'Entries per call (max 100, default 20)' })
  page_size?: number;
}

export class ListActivityLogsInput extends withFields(CursorInput) {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only this user (list_users)' })
  user_id?: string;

  @IsOptional()
  @Matches(NAME)
  @JSONSchema({ description: 'Only this app, e.g. servers, iam, events' })
  app?: string;

  @IsOptional()
  @Matches(NAME)
  @JSONSchema({ description: 'Only this model, e.g. server, user, command' })
  model?: string;
}

export class GetActivityLogInput extends WorkspaceInput {
  // The id format is not documented (the list is Elasticsearch-backed), so any URL-safe id is accepted.
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'log_id must be an id from list_activity_logs' })
  @JSONSchema({ description: 'Entry id (list_activity_logs)' })
  log_id!: string;
}

export class ListServerLogsInput extends withFields(CursorInput) {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only this server (list_servers)' })
  server_id?: string;
}

export class ListWebFtpLogsInput extends ListServerLogsInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only this user (list_users)' })
  user_id?: string;

  @IsOptional()
  @IsIn(['upload', 'download'])
  @JSONSchema({ description: 'upload or download' })
  action?: string;
}

/** Values from the Python server's list_session_analyses (tools/audit_tools.py), the only source. */
export const ANALYSIS_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
export const RISK_SCORES = ['low', 'medium', 'high', 'critical'] as const;

export class ListSessionAnalysesInput extends withFields(PageInput) {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only sessions on this server (list_servers)' })
  server_id?: string;

  @IsOptional()
  @IsIn(ANALYSIS_STATUSES)
  @JSONSchema({ type: 'string', enum: [...ANALYSIS_STATUSES], description: 'Only analyses in this state' })
  status?: string;

  @IsOptional()
  @IsIn(RISK_SCORES)
  @JSONSchema({ type: 'string', enum: [...RISK_SCORES], description: 'Only this risk level' })
  risk_score?: string;
}

export class GetSessionAnalysisDetailInput extends WorkspaceInput {
  // The id format is not documented, so any URL-safe id is accepted.
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'analysis_id must be an id from list_session_analyses' })
  @JSONSchema({ description: 'Analysis id (list_session_analyses)' })
  analysis_id!: string;
}

import { IsObject, JSONSchema, WorkspaceInput } from '../../core/index.js';

export class GetWorkspaceSettingsInput extends WorkspaceInput {}

export class UpdateWorkspaceSettingsInput extends WorkspaceInput {
  @IsObject()
  @JSONSchema({ type: 'object', description: 'Fields to change and their new values, e.g. {"websh_session_timeout": 3600}' })
  changes!: Record<string, unknown>;
}

export class ListWorkspaceMfaMethodsInput extends WorkspaceInput {}

import { IsOptional, IsRegion, IsWorkspaceSlug, JSONSchema, REGIONS, WorkspaceInput } from '../../core/index.js';

export class ListWorkspacesInput {
  @IsOptional()
  @IsRegion()
  @JSONSchema({ type: 'string', enum: [...REGIONS], description: 'Only workspaces of this region' })
  region?: string;
}

export class GetCurrentUserInput extends WorkspaceInput {}

export class HealthCheckInput {
  @IsOptional()
  @IsWorkspaceSlug()
  @JSONSchema({ type: 'string', description: 'Check only this workspace (default: every configured one)' })
  workspace?: string;

  @IsOptional()
  @IsRegion()
  @JSONSchema({ type: 'string', enum: [...REGIONS], description: 'Check only workspaces of this region' })
  region?: string;
}

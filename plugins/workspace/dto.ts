import { IsOptional, IsRegion, JSONSchema, REGIONS, WorkspaceInput } from '../../core/index.js';

export class ListWorkspacesInput {
  @IsOptional()
  @IsRegion()
  @JSONSchema({ type: 'string', enum: [...REGIONS], description: 'Only workspaces of this region' })
  region?: string;
}

export class GetCurrentUserInput extends WorkspaceInput {}

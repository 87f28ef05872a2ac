import { IsOptional, IsRegion, JSONSchema, REGIONS, WorkspaceInput } from '../../core/index.js';

export class ListWorkspacesInput {
  @IsOptional()
  @IsRegion()
  @JSONSchema({ type: 'string', enum: [...REGIONS], description: 'Only workspaces of this region' })
  region?: string;
}

export class GetCurrentUserInput extends WorkspaceInput {}

/** No workspace argument (a `workspace` field would make it required, as in every workspace tool): it checks them all. */
export class HealthCheckInput {
  @IsOptional()
  @IsRegion()
  @JSONSchema({ type: 'string', enum: [...REGIONS], description: 'Check only workspaces of this region' })
  region?: string;
}

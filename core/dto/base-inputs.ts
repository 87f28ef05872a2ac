import { IsOptional, IsUUID } from './class-validator.js';
import { JSONSchema } from '../decorators/json-schema.js';
import { BRAND } from '../brand.js';
import { IsRegion, REGIONS } from './checks/is-region.js';
import { IsWorkspaceSlug } from './checks/is-workspace-slug.js';
import { CONNECTION_ARGUMENTS, SHARED_ARGUMENTS } from './shared-arguments.js';

/**
 * Every tool that reaches Alpacon takes these. `workspace` is required in the schema unless the config names a
 * default workspace; the registry decides that and fills the defaults before the tool runs.
 */
export class WorkspaceInput {
  /** Recognised by brand, so DTOs extending another copy's WorkspaceInput still get workspace/region defaults. */
  static readonly [BRAND.workspaceInput] = true;

  @IsOptional()
  @IsWorkspaceSlug()
  @JSONSchema({ type: 'string', description: CONNECTION_ARGUMENTS.workspace })
  workspace!: string;

  @IsOptional()
  @IsRegion()
  @JSONSchema({ type: 'string', enum: [...REGIONS], description: CONNECTION_ARGUMENTS.region })
  region!: string;
}

export class ServerInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: SHARED_ARGUMENTS.server_id })
  server_id!: string;
}

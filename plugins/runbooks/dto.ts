import { IsNotEmpty, IsOptional, IsString, IsUUID, JSONSchema, MaxLength, ServerInput, SHARED_ARGUMENTS, WorkspaceInput } from '../../core/index.js';

/** alpacon://{region}/{workspace}/servers/{server_id} */
export class ServerResourceInput extends ServerInput {}

/** alpacon://{region}/{workspace}/inventory */
export class InventoryResourceInput extends WorkspaceInput {}

/** Where a prompt's runbook applies; both optional (the model asks or uses the defaults). */
class PromptPlace {
  @IsOptional()
  @IsString()
  @MaxLength(63)
  @JSONSchema({ description: 'Workspace name' })
  workspace?: string;

  @IsOptional()
  @IsString()
  @MaxLength(8)
  @JSONSchema({ description: 'Region' })
  region?: string;
}

export class ServerPromptInput extends PromptPlace {
  @IsUUID()
  @JSONSchema({ type: 'string', description: SHARED_ARGUMENTS.server_id })
  server_id!: string;
}

export class RolloutPromptInput extends PromptPlace {
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  @JSONSchema({ description: 'The command line to roll out' })
  command!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @JSONSchema({ description: 'Text the target server names contain (default: all servers)' })
  server_filter?: string;
}

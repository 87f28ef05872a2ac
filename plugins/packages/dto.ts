import { IsOptional, IsString, IsUUID, JSONSchema, Matches, MaxLength, ServerInput, WorkspaceInput, ServerPageInput } from '../../core/index.js';

export class ListPackagesInput extends ServerPageInput {}

export class InstallPackageInput extends ServerInput {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/)
  @JSONSchema({ description: 'Package name' })
  package_name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  @JSONSchema({ description: 'Version to pin (default latest)' })
  version?: string;
}

export class RemovePackageInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Entry id (from the matching list tool)' })
  entry_id!: string;
}

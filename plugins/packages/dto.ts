import { IsInt, IsOptional, IsString, IsUUID, JSONSchema, Matches, Max, MaxLength, Min, ServerInput, WorkspaceInput } from '../../core/index.js';

export class ListPackagesInput extends ServerInput {
  @IsOptional()
  @IsInt()
  @Min(1)
  @JSONSchema({ description: 'Page, from 1' })
  page?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  @JSONSchema({ description: 'Per page (max 100, default 20)' })
  page_size?: number;
}

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

import { IsBoolean, IsInt, IsOptional, IsString, JSONSchema, Max, MaxLength, Min, ServerInput } from '../../core/index.js';

export const MAX_PACKAGES = 1000;

export class GetSystemInfoInput extends ServerInput {}

export class GetOsVersionInput extends ServerInput {}

export class GetSystemTimeInput extends ServerInput {}

export class GetNetworkInterfacesInput extends ServerInput {}

export class GetDiskInfoInput extends ServerInput {}

export class ListSystemUsersInput extends ServerInput {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @JSONSchema({ description: 'Only users whose name contains this text' })
  username?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'true: only users with a login shell; false: only those without (older servers ignore it and say so)' })
  login_enabled?: boolean;
}

export class ListSystemGroupsInput extends ServerInput {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @JSONSchema({ description: 'Only groups whose name contains this text' })
  groupname?: string;
}

export class ListSystemPackagesInput extends ServerInput {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @JSONSchema({ description: 'Only packages whose name contains this text' })
  package_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  @JSONSchema({ description: 'Only this architecture, e.g. x86_64, amd64, aarch64' })
  architecture?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PACKAGES)
  @JSONSchema({ description: 'Default 100' })
  limit?: number;
}

import { IsInt, IsNumber, IsOptional, JSONSchema, Max, Min, ServerInput } from 'alpacon-mcp';

/** Input of disk_report. ServerInput brings server_id, workspace and region. */
export class DiskReportInput extends ServerInput {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  @JSONSchema({ description: 'How many partitions to show, largest first (default: the plugin setting defaultLimit, 10)' })
  limit?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @JSONSchema({ description: 'Leave out partitions smaller than this many GiB' })
  min_size_gb?: number;
}

/** The plugin's section of .alpaconrc: { "alpacon-plugin-disk-report": { "defaultLimit": 5 } }. */
export class DiskReportSettings {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  @JSONSchema({ description: 'Partitions shown when a call gives no limit (default 10)' })
  defaultLimit = 10;
}

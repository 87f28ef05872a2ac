import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  JSONSchema,
  Max,
  MaxLength,
  Min,
  ServerInput,
  WorkspaceInput,
  SHARED_ARGUMENTS,
} from '../../core/index.js';

/** Arguments of several metrics tools, explained once in the server instructions (manifest sharedArguments). */
export const METRICS_ARGUMENTS = {
  include_points: 'also return the raw points (latest 500 at most)',
};

export const TOP_METRIC_TYPES = ['cpu', 'memory', 'disk-io', 'traffic'] as const;
export type TopMetricType = (typeof TOP_METRIC_TYPES)[number];
export const MAX_SUMMARY_HOURS = 168;

/** Shared by the time-series tools: the range and whether to return raw points. */
export class MetricRangeInput extends ServerInput {
  @IsOptional()
  @IsISO8601({ strict: true })
  @JSONSchema(() => ({ type: 'string', format: 'date-time', description: SHARED_ARGUMENTS.start_date }))
  start_date?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  @JSONSchema(() => ({ type: 'string', format: 'date-time', description: SHARED_ARGUMENTS.end_date }))
  end_date?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: METRICS_ARGUMENTS.include_points })
  include_points?: boolean;
}

export class GetCpuUsageInput extends MetricRangeInput {}

export class GetMemoryUsageInput extends MetricRangeInput {}

export class GetDiskUsageInput extends MetricRangeInput {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @JSONSchema({ description: 'Only this device, e.g. /dev/sda1' })
  device?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @JSONSchema({ description: 'Only this partition (mount point), e.g. /' })
  partition?: string;
}

export class GetDiskIoInput extends MetricRangeInput {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @JSONSchema({ description: 'Only this device, e.g. sda' })
  device?: string;
}

export class GetNetworkTrafficInput extends MetricRangeInput {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @JSONSchema({ description: 'Only this interface, e.g. eth0' })
  interface?: string;
}

export class GetTopServersInput extends WorkspaceInput {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TOP_METRIC_TYPES.length)
  @ArrayUnique()
  @IsIn([...TOP_METRIC_TYPES], { each: true })
  @JSONSchema({
    type: 'array',
    items: { type: 'string', enum: [...TOP_METRIC_TYPES] },
    minItems: 1,
    uniqueItems: true,
    description: 'Default: all four',
  })
  metric_types?: TopMetricType[];
}

export class GetAlertRulesInput extends WorkspaceInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only this server' })
  server_id?: string;
}

export class GetServerMetricsSummaryInput extends ServerInput {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SUMMARY_HOURS)
  @JSONSchema({ description: 'Hours back from now (default 24)' })
  hours?: number;
}

import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  JSONSchema,
  Max,
  MaxLength,
  Min,
  WorkspaceInput,
  PageInput,
  withFields,
} from '../../core/index.js';

export const METRIC_TYPES = ['cpu', 'memory', 'disk-usage', 'disk-io', 'traffic'] as const;
export const CONDITIONS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;

export class ListAlertsInput extends withFields(PageInput) {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only alerts of this server (list_servers)' })
  server_id?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  @JSONSchema({ description: 'Alert status, e.g. firing or resolved' })
  status?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'false = not yet acknowledged' })
  acknowledged?: boolean;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Filter by dismissed state' })
  dismissed?: boolean;
}

class AlertIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Alert id (list_alerts)' })
  alert_id!: string;
}

export class GetAlertInput extends AlertIdInput {}

export class MuteAlertInput extends AlertIdInput {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(43_200)
  @JSONSchema({ description: 'Minutes to mute (server default if omitted)' })
  duration?: number;
}

/** Rule fields that are optional on create and update. */
class AlertRuleExtras extends WorkspaceInput {
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(500)
  @JSONSchema({ type: 'array', items: { type: 'string', format: 'uuid' }, description: 'Server ids; empty = all servers' })
  servers?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(50)
  @JSONSchema({ type: 'array', items: { type: 'string' }, description: 'Notification channel ids' })
  notification_channels?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @JSONSchema({ description: 'Free text' })
  description?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Rule active (default true)' })
  enabled?: boolean;
}

export class CreateAlertRuleInput extends AlertRuleExtras {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @JSONSchema({ description: 'Rule name' })
  name!: string;

  @IsIn(METRIC_TYPES)
  @JSONSchema({ description: 'Metric watched' })
  metric_type!: string;

  @IsIn(CONDITIONS)
  @JSONSchema({ description: 'Comparison with threshold' })
  condition!: string;

  @IsNumber()
  @Min(0)
  @JSONSchema({ description: 'Threshold (percent for cpu/memory/disk-usage)' })
  threshold!: number;
}

export class UpdateAlertRuleInput extends AlertRuleExtras {
  @IsUUID()
  @JSONSchema({ description: 'Rule id (get_alert_rules)' })
  rule_id!: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @JSONSchema({ description: 'New name' })
  name?: string;

  @IsOptional()
  @IsIn(METRIC_TYPES)
  @JSONSchema({ description: 'Metric watched' })
  metric_type?: string;

  @IsOptional()
  @IsIn(CONDITIONS)
  @JSONSchema({ description: 'Comparison with threshold' })
  condition?: string;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @JSONSchema({ description: 'Threshold' })
  threshold?: number;
}

export class DeleteAlertRuleInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Rule id (get_alert_rules)' })
  rule_id!: string;
}

export const RULE_FIELDS = ['name', 'metric_type', 'condition', 'threshold', 'servers', 'notification_channels', 'description', 'enabled'] as const;

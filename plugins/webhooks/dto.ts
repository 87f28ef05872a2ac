import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, IsUUID, JSONSchema, Matches, MaxLength, PageInput, WorkspaceInput, withFields } from '../../core/index.js';

export const EVENT_TYPES = ['command_fin', 'command_output', 'servers_commit', 'sudo'] as const;
export const WEBHOOK_FIELDS = ['name', 'url', 'provider', 'ssl_verify', 'enabled'] as const;

const URL_RULE = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class ListWebhooksInput extends withFields(PageInput) {
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @JSONSchema({ description: 'Exact webhook name' })
  name?: string;
}

export class WebhookIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Webhook id (list_webhooks)' })
  webhook_id!: string;
}

/** Optional settings shared by create and update. */
class WebhookSettings extends WorkspaceInput {
  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,32}$/)
  @JSONSchema({ description: 'Payload format, e.g. slack (server default if omitted)' })
  provider?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Verify the TLS certificate (default true)' })
  ssl_verify?: boolean;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Deliver events (default true)' })
  enabled?: boolean;
}

export class CreateWebhookInput extends WebhookSettings {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @JSONSchema({ description: 'Unique name' })
  name!: string;

  @IsUrl(URL_RULE)
  @MaxLength(2048)
  @JSONSchema({ description: 'http(s) URL that receives the callbacks' })
  url!: string;
}

export class UpdateWebhookInput extends WebhookSettings {
  @IsUUID()
  @JSONSchema({ description: 'Webhook id (list_webhooks)' })
  webhook_id!: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @JSONSchema({ description: 'New name' })
  name?: string;

  @IsOptional()
  @IsUrl(URL_RULE)
  @MaxLength(2048)
  @JSONSchema({ description: 'New callback URL' })
  url?: string;
}

export class ListEventSubscriptionsInput extends withFields(PageInput) {}

export class EventSubscriptionIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Subscription id (list_event_subscriptions)' })
  subscription_id!: string;
}

export class CreateEventSubscriptionInput extends WorkspaceInput {
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  @JSONSchema({ description: 'Channel id that receives the events, e.g. a webhook id' })
  channel!: string;

  @IsIn(EVENT_TYPES)
  @JSONSchema({ description: 'Event to receive' })
  event_type!: string;

  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only events about this object (e.g. a server id)' })
  target_id?: string;
}

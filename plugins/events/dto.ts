import { IsInt, IsOptional, IsString, IsUUID, JSONSchema, Max, MaxLength, Min, MinLength, withFields, WorkspaceInput } from '../../core/index.js';

class EventListInput extends withFields(WorkspaceInput) {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only events of this server (UUID from list_servers)' })
  server_id?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  @JSONSchema({ description: 'Max events, newest first (1-100, default 20)' })
  limit?: number;
}

export class ListEventsInput extends EventListInput {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @JSONSchema({ description: 'Only events from this reporter (e.g. alpamon, system, security)' })
  reporter?: string;
}

export class SearchEventsInput extends EventListInput {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @JSONSchema({ description: 'Text to find in event descriptions, records, reporters and server names' })
  search_query!: string;
}

export class GetEventInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Event UUID (from list_events or search_events)' })
  event_id!: string;
}

import { IsInt, IsOptional, IsString, IsUUID, JSONSchema, Max, MaxLength, Min, MinLength, withFields, WorkspaceInput } from '../../core/index.js';

class EventListInput extends withFields(WorkspaceInput) {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only this server' })
  server_id?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  @JSONSchema({ description: 'Newest first (default 20)' })
  limit?: number;
}

export class ListEventsInput extends EventListInput {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @JSONSchema({ description: 'Only this reporter, e.g. alpamon, system, security' })
  reporter?: string;
}

export class SearchEventsInput extends EventListInput {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @JSONSchema({ description: 'Text to find' })
  search_query!: string;
}

export class GetEventInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'From list_events or search_events' })
  event_id!: string;
}

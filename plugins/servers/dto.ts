import {
  IsBoolean,
  IsUUID,
  IsNotEmpty,
  IsOptional,
  IsString,
  JSONSchema,
  MaxLength,
  ServerInput,
  WorkspaceInput,
  ServerPageInput,
  SummaryPageInput,
  withFields,
} from '../../core/index.js';

/** Arguments of several server-note tools, explained once in the server instructions (manifest sharedArguments). */
export const SERVERS_ARGUMENTS = {
  note_id: 'from list_server_notes',
};

export class ListServersInput extends SummaryPageInput {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @JSONSchema({ description: 'Only servers whose name contains this text' })
  search?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @JSONSchema({ description: 'Only the server with exactly this name' })
  name?: string;
}

export class GetServerInput extends ServerInput {}

export class GetServerOverviewInput extends ServerInput {}

export class ListServerNotesInput extends withFields(ServerPageInput) {}

export class CreateServerNoteInput extends ServerInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  @JSONSchema({ description: 'Note text' })
  content!: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Visible only to you (default false)' })
  private?: boolean;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Pin to the top (default false)' })
  pinned?: boolean;
}

class NoteIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: SERVERS_ARGUMENTS.note_id })
  note_id!: string;
}

export class GetServerNoteInput extends NoteIdInput {}

export class DeleteServerNoteInput extends NoteIdInput {}

export class UpdateServerNoteInput extends NoteIdInput {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  @JSONSchema({ description: 'New text' })
  content?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Visible only to the author' })
  private?: boolean;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Pinned to the top' })
  pinned?: boolean;
}

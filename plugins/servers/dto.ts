import {
  IsBoolean,
  IsUUID,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  JSONSchema,
  Max,
  MaxLength,
  Min,
  ServerInput,
  WorkspaceInput,
} from '../../core/index.js';

export class ListServersInput extends WorkspaceInput {
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

  @IsOptional()
  @IsInt()
  @Min(1)
  @JSONSchema({ description: 'Page number, from 1' })
  page?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  @JSONSchema({ description: 'Servers per page (1-100, default 20)' })
  page_size?: number;
}

export class GetServerInput extends ServerInput {}

export class GetServerOverviewInput extends ServerInput {}

export class ListServerNotesInput extends ServerInput {
  @IsOptional()
  @IsInt()
  @Min(1)
  @JSONSchema({ description: 'Page number, from 1' })
  page?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  @JSONSchema({ description: 'Notes per page (1-100, default 20)' })
  page_size?: number;
}

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
  @JSONSchema({ description: 'Pin to the top of the server notes (default false)' })
  pinned?: boolean;
}

class NoteIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Note id (from list_server_notes)' })
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

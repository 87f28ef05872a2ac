import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, JSONSchema, Matches, MaxLength, MinLength, ServerInput,
  WorkspaceInput, PageInput, SHARED_ARGUMENTS,
} from '../../core/index.js';

/** Inline content of webftp_upload_content is for small generated files; larger ones go through webftp_upload_file. */
export const MAX_INLINE_CONTENT_CHARS = 1_400_000;
const ACCOUNT = /^[a-z_][a-z0-9_.-]{0,31}$/i;

/** Transfer tools: the API may gate transfers behind a work session (sent as `work_session`). */
class WorkSessionInput extends ServerInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: SHARED_ARGUMENTS.work_session_id })
  work_session_id?: string;
}

class RunAsInput extends WorkSessionInput {
  @IsOptional()
  @Matches(ACCOUNT, { message: 'username must be a system account name' })
  @JSONSchema({ type: 'string', description: SHARED_ARGUMENTS.username })
  username?: string;

  @IsOptional()
  @Matches(ACCOUNT, { message: 'groupname must be a system group name' })
  @JSONSchema({ type: 'string', description: SHARED_ARGUMENTS.groupname })
  groupname?: string;
}

class ServerFilteredPageInput extends PageInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only this server' })
  server_id?: string;
}

export class CreateWebftpSessionInput extends WorkSessionInput {
  @IsOptional()
  @Matches(ACCOUNT, { message: 'username must be a system account name' })
  @JSONSchema({ type: 'string', description: SHARED_ARGUMENTS.username })
  username?: string;
}

export class ListWebftpSessionsInput extends ServerFilteredPageInput {}
export class ListUploadsInput extends ServerFilteredPageInput {}
export class ListDownloadsInput extends ServerFilteredPageInput {}

export class UploadFileInput extends RunAsInput {
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  @JSONSchema({ description: 'Absolute path of the local file to send (inside the allowed local roots)' })
  local_file_path!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  @JSONSchema({ description: 'Absolute path on the server, e.g. /home/user/app.conf' })
  remote_file_path!: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Replace an existing remote file (default false)' })
  overwrite?: boolean;
}

export class UploadContentInput extends RunAsInput {
  @IsString()
  @MaxLength(MAX_INLINE_CONTENT_CHARS)
  @JSONSchema({ description: 'Text, or base64 when encoding is base64 (about 1 MB at most)' })
  content!: string;

  @IsOptional()
  @IsIn(['utf8', 'base64'])
  @JSONSchema({ type: 'string', enum: ['utf8', 'base64'], description: 'Default utf8' })
  encoding?: 'utf8' | 'base64';

  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  @JSONSchema({ description: 'Absolute path the file gets on the server' })
  remote_file_path!: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Replace an existing remote file (default false)' })
  overwrite?: boolean;
}

export class DownloadFileInput extends RunAsInput {
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  @JSONSchema({ description: 'Absolute path of the file or folder on the server' })
  remote_file_path!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  @JSONSchema({ description: 'Absolute local path; an existing folder receives the file by name' })
  local_file_path!: string;

  @IsOptional()
  @IsIn(['file', 'folder'])
  @JSONSchema({ type: 'string', enum: ['file', 'folder'], description: 'Default file; a folder arrives as a .zip' })
  resource_type?: 'file' | 'folder';

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Replace an existing local file (default false)' })
  overwrite?: boolean;
}

/** Bulk transfers: argument names of the Python server's webftp_bulk_upload / webftp_bulk_download (tools/webftp_tools.py). */
export const MAX_BULK_FILES = 100;

/** 1 to MAX_BULK_FILES paths, each 1 to 4096 characters. */
function PathList(description: string): PropertyDecorator {
  const decorators = [
    IsArray(), ArrayMinSize(1), ArrayMaxSize(MAX_BULK_FILES), IsString({ each: true }), MinLength(1, { each: true }), MaxLength(4096, { each: true }),
    JSONSchema({ type: 'array', items: { type: 'string' }, description }),
  ];
  return (target, key) => {
    if (typeof key !== 'string') throw new TypeError('PathList decorates named fields only');
    decorators.forEach((decorate) => decorate(target, key));
  };
}

export class BulkUploadInput extends RunAsInput {
  @PathList('Absolute paths of the local files (inside the allowed local roots), file names distinct')
  local_file_paths!: string[];

  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  @JSONSchema({ description: 'Absolute folder on the server, e.g. /home/user/conf' })
  remote_directory!: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Replace existing remote files (default false; true in the Python server)' })
  allow_overwrite?: boolean;
}

export class BulkDownloadInput extends RunAsInput {
  @PathList('Absolute remote paths (files or folders) in one parent folder')
  remote_paths!: string[];

  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  @JSONSchema({ description: 'Absolute local path of the .zip to write; an existing folder receives download.zip' })
  local_file_path!: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Replace an existing local file (default false)' })
  overwrite?: boolean;
}

export class CheckStatusInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'From an upload or download result or list' })
  file_id!: string;

  @IsIn(['upload', 'download'])
  @JSONSchema({ type: 'string', enum: ['upload', 'download'], description: 'upload or download' })
  transfer_type!: 'upload' | 'download';
}

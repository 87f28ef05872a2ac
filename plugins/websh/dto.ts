import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  JSONSchema,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ServerInput,
  WorkspaceInput,
  PageInput,
  SHARED_ARGUMENTS,
} from '../../core/index.js';
import { MAX_TIMEOUT_SECONDS } from './service.js';

/** Arguments of several Websh tools, explained once in the server instructions (manifest sharedArguments). */
export const WEBSH_ARGUMENTS = {
  timeout: 'seconds per command before Ctrl-C (default 30)',
  session_id: 'from websh_session_create or websh_sessions_list',
  channel_id: 'from websh_channel_connect or websh_channels_list',
};

/** One command line: no line breaks or control characters (join commands with ; or &&, or use a batch). */
const COMMAND_LINE = /^[^\x00-\x08\x0a-\x1f\x7f]*$/;
const LINUX_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;
const COMMAND_RULE = 'must be one line without control characters; join commands with ; or &&, or pass a list to a batch tool';

/** Tools that open a Websh session, which the API may gate behind a work session (sent as `work_session`). */
class WorkSessionInput extends ServerInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: SHARED_ARGUMENTS.work_session_id })
  work_session_id?: string;
}

/** Who the session's shell runs as. */
class SessionIdentityInput extends WorkSessionInput {
  @IsOptional()
  @Matches(LINUX_NAME, { message: 'username must be a Linux user name' })
  @JSONSchema({ description: SHARED_ARGUMENTS.username })
  username?: string;

  @IsOptional()
  @Matches(LINUX_NAME, { message: 'groupname must be a Linux group name' })
  @JSONSchema({ description: SHARED_ARGUMENTS.groupname })
  groupname?: string;
}

class RunAsInput extends SessionIdentityInput {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TIMEOUT_SECONDS)
  @JSONSchema({ description: WEBSH_ARGUMENTS.timeout })
  timeout?: number;
}

export class ExecuteCommandInput extends RunAsInput {
  @IsString()
  @MinLength(1)
  @MaxLength(16_384)
  @Matches(COMMAND_LINE, { message: `command ${COMMAND_RULE}` })
  @JSONSchema({ description: SHARED_ARGUMENTS.command })
  command!: string;
}

export class ExecuteBatchInput extends RunAsInput {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(16_384, { each: true })
  @Matches(COMMAND_LINE, { each: true, message: `each command ${COMMAND_RULE}` })
  @JSONSchema({ description: 'Command lines' })
  commands!: string[];

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Stop at the first non-zero exit (default false)' })
  stop_on_error?: boolean;
}

export class CreateSessionInput extends SessionIdentityInput {}

export class ListSessionsInput extends PageInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only sessions on this server' })
  server_id?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Only open sessions (default true)' })
  open_only?: boolean;
}

export class SessionInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: WEBSH_ARGUMENTS.session_id })
  session_id!: string;
}

export class ChannelConnectInput extends CreateSessionInput {}

export class ChannelInput {
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'channel_id must be a channel id from websh_channel_connect' })
  @JSONSchema({ description: WEBSH_ARGUMENTS.channel_id })
  channel_id!: string;
}

export class ChannelExecuteInput extends ChannelInput {
  @IsString()
  @MinLength(1)
  @MaxLength(16_384)
  @Matches(COMMAND_LINE, { message: `command ${COMMAND_RULE}` })
  @JSONSchema({ description: SHARED_ARGUMENTS.command })
  command!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TIMEOUT_SECONDS)
  @JSONSchema({ description: WEBSH_ARGUMENTS.timeout })
  timeout?: number;
}

export class ListChannelsInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only channels to this server' })
  server_id?: string;
}

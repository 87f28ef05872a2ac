import {
  IsDistinctUuidList, IsInt, IsOptional, IsString, IsUUID, JSONSchema, Matches, Max, MaxLength, Min, MinLength,
  SHARED_ARGUMENTS, ValidateBy, WorkspaceInput, type ValidationOptions,
} from '../../core/index.js';
import { DEFAULT_TIMEOUT_S, MAX_CONCURRENCY, MAX_TIMEOUT_S } from './limits.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const MAX_ENV_ENTRIES = 64;
const RUN_AS = /^[a-z_][a-z0-9_.-]{0,31}$/i;

export function isEnvMap(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length <= MAX_ENV_ENTRIES && entries.every(([k, v]) => ENV_NAME.test(k) && typeof v === 'string' && v.length <= 8192);
}

function IsEnvMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEnvMap',
      validator: {
        validate: isEnvMap,
        defaultMessage: () => `must be an object of at most ${MAX_ENV_ENTRIES} NAME: "string value" pairs (names like MY_VAR)`,
      },
    },
    options,
  );
}

/** Tools that create something the API may gate behind a work session (sent as `work_session`). */
class WorkSessionInput extends WorkspaceInput {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: SHARED_ARGUMENTS.work_session_id })
  work_session_id?: string;
}

/** What every command-running tool takes besides the target server(s). */
class CommandLineInput extends WorkSessionInput {
  @IsString()
  @MinLength(1)
  @MaxLength(65_536)
  @JSONSchema({ description: SHARED_ARGUMENTS.command })
  command!: string;

  @IsOptional()
  @Matches(RUN_AS)
  @JSONSchema({ type: 'string', description: SHARED_ARGUMENTS.username })
  username?: string;

  @IsOptional()
  @Matches(RUN_AS)
  @JSONSchema({ type: 'string', description: SHARED_ARGUMENTS.groupname })
  groupname?: string;

  @IsOptional()
  @IsEnvMap()
  // A function replaces the generated schema: a custom validator on an object would otherwise become a $ref.
  @JSONSchema(() => ({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Put secrets here, never in the command line',
  }))
  env?: Record<string, string>;
}

class WaitingCommandInput extends CommandLineInput {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TIMEOUT_S)
  @JSONSchema({ description: `Seconds to wait (default ${DEFAULT_TIMEOUT_S})` })
  timeout?: number;
}

export class ExecuteCommandWithAclInput extends CommandLineInput {
  @IsUUID()
  @JSONSchema({ description: SHARED_ARGUMENTS.server_id })
  server_id!: string;
}

export class ExecuteCommandSyncInput extends WaitingCommandInput {
  @IsUUID()
  @JSONSchema({ description: SHARED_ARGUMENTS.server_id })
  server_id!: string;
}

export class ExecuteCommandMultiServerInput extends WaitingCommandInput {
  @IsDistinctUuidList()
  @JSONSchema(() => ({
    type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, uniqueItems: true, description: SHARED_ARGUMENTS.server_ids,
  }))
  server_ids!: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CONCURRENCY)
  @JSONSchema({ description: 'Requests to Alpacon in flight (default 20)' })
  concurrency?: number;
}

export class GetCommandResultInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'From an execute_command_* tool or list_commands' })
  command_id!: string;
}

export class ListCommandsInput extends WorkspaceInput {
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

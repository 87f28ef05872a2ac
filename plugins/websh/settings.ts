import { IsInt, IsNumber, IsOptional, IsPositive, JSONSchema, Max, Min } from '../../core/index.js';

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 3600;

/** The `websh` section of `.alpaconrc`. */
export class WebshSettingsInput {
  @IsOptional()
  @IsNumber()
  @IsPositive()
  @Max(86_400)
  @JSONSchema({ description: 'Pooled Websh connections close after this many idle seconds (default 300)' })
  idleTimeoutSeconds = 300;

  @IsOptional()
  @IsNumber()
  @IsPositive()
  @Max(MAX_TIMEOUT_SECONDS)
  @JSONSchema({ description: `Per-command timeout in seconds when a call names none (default ${DEFAULT_TIMEOUT_SECONDS})` })
  defaultTimeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

  /** Enough for the parallel tool calls an agent issues at once, few enough not to flood one server with shells. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(32)
  @JSONSchema({ description: 'Pooled Websh connections per server, user and work session; overlapping calls beyond it wait (default 5)' })
  maxConnectionsPerServer = 5;

  /** Each spare is a real Websh session (a shell on the server, in the audit log), so none unless asked for. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(31)
  @JSONSchema({ description: 'Idle Websh connections kept open and ready per server, user and work session after a call, so overlapping calls start without opening a session (default 0; at most maxConnectionsPerServer in all)' })
  warmSpares = 0;
}

import { AlpaconMcpError, ErrorCode, NotFoundError, type AlpaconClient, type AlpaconTarget, readSubmitted, type CommandDetails, commandOutput } from '../../core/index.js';
import { describeCommand, type CommandResult } from './command-result.js';
import type { RequestBudget } from './limiter.js';
import type { LiveOutput } from './live-output.js';
import { waitForCommand } from './wait-for-command.js';

export interface CommandRequest {
  command: string;
  username?: string;
  groupname?: string;
  env?: Record<string, string>;
  workSessionId?: string;
}

export interface RunOptions {
  signal: AbortSignal;
  /** Seconds to wait for a terminal status. */
  timeoutS: number;
  limiter?: RequestBudget;
  outputLimit?: number;
  /** Sends new output as progress while waiting (execute_command_sync with a progress token). */
  live?: LiveOutput;
  /** The live output comes over the events WebSocket; resolves on its `command_fin`. Without it, live output polls `/chunks/`. */
  woken?: () => Promise<void>;
}

/** The body of POST /api/events/commands/ for one server. */
export function submitBody(serverId: string, request: CommandRequest): Record<string, unknown> {
  return {
    server: serverId,
    shell: 'system',
    line: request.command,
    ...(request.username ? { username: request.username } : {}),
    ...(request.groupname ? { groupname: request.groupname } : {}),
    ...(request.env ? { env: request.env } : {}),
    ...(request.workSessionId ? { work_session: request.workSessionId } : {}),
  };
}

/** A submitted command, and the request fields the server dropped. */
export interface Submitted extends CommandDetails {
  /**
   * The 2024 server (which answers a submit with one object, not an array) has no `env` or `work_session` on commands
   * (alpacon-server events/api/serializers.py CommandCreateSerializer), and DRF drops unknown fields without a word.
   */
  ignored_fields: string[];
}

/**
 * Submits once. The core client never retries a POST, so an error here means "maybe not submitted" and is never
 * followed by a second attempt.
 */
export async function submitCommand(
  alpacon: AlpaconClient,
  target: AlpaconTarget,
  serverId: string,
  request: CommandRequest,
  signal: AbortSignal,
): Promise<Submitted> {
  let body: unknown;
  try {
    body = await alpacon.post(target, '/api/events/commands/', submitBody(serverId, request), { signal });
  } catch (error) {
    throw unknownServer(error, serverId) ?? error;
  }
  const submitted = readSubmitted(body);
  const ignored = Array.isArray(body) ? [] : [...(request.env ? ['env'] : []), ...(request.workSessionId ? ['work_session_id'] : [])];
  // The submit answer carries no status; until the first poll, say what we know.
  return { ...submitted, status: submitted.status ?? 'submitted', server_id: submitted.server_id ?? serverId, ignored_fields: ignored };
}

/** Waits for a command already submitted and describes where it stands. */
export async function awaitCommand(
  alpacon: AlpaconClient,
  target: AlpaconTarget,
  submitted: Submitted,
  startedAt: number,
  options: RunOptions,
): Promise<CommandResult> {
  const { live, woken, signal, limiter } = options;
  const waited = await waitForCommand(alpacon, target, submitted, {
    deadline: startedAt + options.timeoutS * 1000, signal, limiter, woken,
    onWaiting: live && woken === undefined ? (details) => live.poll(details) : undefined,
  });
  await live?.settle();
  const output = await commandOutput(alpacon, target, waited.details, { signal, limiter, known: live?.known() });
  live?.finish(output.chunks);
  const result = describeCommand(waited.details, {
    elapsedMs: Date.now() - startedAt,
    timedOutAfterS: waited.timedOut ? options.timeoutS : undefined,
    outputLimit: options.outputLimit,
    output,
  });
  if (waited.pollProblem && result.next_step) result.next_step += ` Last status read failed: ${waited.pollProblem.message}`;
  if (submitted.ignored_fields.length > 0) {
    result.ignored_fields = submitted.ignored_fields;
    result.next_step = `${IGNORED_NOTE} ${result.next_step ?? ''}`.trim();
  }
  return result;
}

export const IGNORED_NOTE =
  'This Alpacon server (the 2024 release) has no env or work_session on commands and dropped them: the command ran without them.';

/** Alpacon answers an unknown server with a 400 field error on `server`; say plainly which id was not found. */
function unknownServer(error: unknown, serverId: string): AlpaconMcpError | undefined {
  if (!(error instanceof AlpaconMcpError) || error.code !== ErrorCode.InvalidInput) return undefined;
  const fields = error.details?.fields;
  const onServer = Array.isArray(fields) && fields.some((f: unknown) => typeof f === 'object' && f !== null && (f as { field?: unknown }).field === 'server');
  if (!onServer) return undefined;
  return new NotFoundError('Server', serverId, { status: error.status, apiCode: error.apiCode, details: { server: serverId }, hint: 'Check the server_id; list_servers gives valid ids.' });
}

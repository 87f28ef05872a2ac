import { setMaxListeners } from 'node:events';
import { AlpaconMcpError, CancelledError, ErrorCode, OUTPUT_LIMIT_BYTES, type AlpaconClient, type AlpaconTarget, type ToolContext } from '../../core/index.js';
import type { CommandResult, Outcome } from './command-result.js';
import { Limiter } from './limiter.js';
import { FAN_OUT_OUTPUT_BUDGET_BYTES, MIN_OUTPUT_SHARE_BYTES } from './limits.js';
import { awaitCommand, submitCommand, type CommandRequest } from './run-command.js';
import { afterSubmitError } from './wait-for-command.js';

export type ServerOutcome = Outcome | 'error' | 'not_sent';

/** One line per server: the command's result, or why there is none. */
export type ServerLine =
  | (CommandResult & { server_id: string })
  | { server_id: string; command_id: string | null; outcome: 'error' | 'not_sent'; error: { code: string; message: string; hint?: string } };

export interface FanOutResult {
  total: number;
  counts: Partial<Record<ServerOutcome, number>>;
  results: ServerLine[];
}

/** Errors that hold for every server alike: once seen, the remaining servers are not sent the command at all. */
const SAME_FOR_ALL: ReadonlySet<string> = new Set([
  ErrorCode.InlineCredential, ErrorCode.Unauthorized, ErrorCode.MfaRequired, ErrorCode.TokenMissing, ErrorCode.NotConfigured,
]);

/** When no server got the command and all failed alike for one of these, the call fails as a whole with that error. */
const WHOLE_CALL: ReadonlySet<string> = new Set([...SAME_FOR_ALL, ErrorCode.AclDenied, ErrorCode.Forbidden, ErrorCode.WorkSessionRequired]);

/** Submission errors after which nobody knows whether Alpacon created the command. */
const MAYBE_SUBMITTED: ReadonlySet<string> = new Set([ErrorCode.Unavailable, ErrorCode.Timeout, ErrorCode.Network, ErrorCode.BadResponse, ErrorCode.Internal]);

const SUBMIT_FAILED_HINT =
  'The submission failed and was not retried, so the command runs at most once. It may still have reached the server: ' +
  'check list_commands with this server_id before running it there again.';

export const FAN_OUT_SCHEMA = {
  type: 'object',
  properties: { total: { type: 'integer' }, counts: { type: 'object' }, results: { type: 'array', items: { type: 'object' } } },
  required: ['total', 'counts', 'results'],
} as const;

export interface FanOutOptions {
  timeoutS: number;
  concurrency: number;
}

/**
 * Submits one command to each server exactly once (never again on failure), then waits for each like execute_command_sync.
 * `concurrency` bounds the requests in flight; waiting itself holds no slot, so many servers finish in a few rounds.
 */
export async function runOnServers(
  alpacon: AlpaconClient,
  target: AlpaconTarget,
  serverIds: readonly string[],
  request: CommandRequest,
  options: FanOutOptions,
  ctx: ToolContext,
): Promise<FanOutResult> {
  const limiter = new Limiter(options.concurrency);
  // Every server waiting and every request in flight listens to the call's abort signal: expected here, not a leak.
  setMaxListeners(Math.max(10, serverIds.length * 2 + options.concurrency), ctx.signal);
  const outputLimit = Math.min(OUTPUT_LIMIT_BYTES, Math.max(MIN_OUTPUT_SHARE_BYTES, Math.floor(FAN_OUT_OUTPUT_BUDGET_BYTES / serverIds.length)));
  const startedAt = Date.now();
  let stopAll: AlpaconMcpError | undefined;
  let stoppedBy: string | undefined;
  let firstRefusal: AlpaconMcpError | undefined;
  let done = 0;

  const runOne = async (serverId: string): Promise<ServerLine> => {
    let commandId: string | null = null;
    try {
      const submitted = await limiter.run(async () => {
        if (stopAll) throw stopAll;
        try {
          return await submitCommand(alpacon, target, serverId, request, ctx.signal);
        } catch (error) {
          // Decided before the slot is released, so the next server in line already sees it.
          if (error instanceof AlpaconMcpError && SAME_FOR_ALL.has(error.code) && stopAll === undefined) {
            stopAll = error;
            stoppedBy = serverId;
          }
          throw error;
        }
      }, ctx.signal);
      commandId = submitted.id;
      const result = await awaitCommand(alpacon, target, submitted, startedAt, { ...options, signal: ctx.signal, limiter: limiter.first, outputLimit });
      return { ...result, server_id: serverId };
    } catch (error) {
      if (ctx.signal.aborted) throw new CancelledError('Running the command on several servers');
      if (stopAll !== undefined && error === stopAll && serverId !== stoppedBy) return notSentLine(serverId, stopAll);
      if (commandId === null && error instanceof AlpaconMcpError) firstRefusal ??= error;
      return errorLine(serverId, commandId, error);
    } finally {
      done += 1;
      ctx.progress(done, serverIds.length).catch(() => undefined);
    }
  };

  const lines = await Promise.all(serverIds.map(runOne));
  if (firstRefusal !== undefined && allRefusedAlike(lines, firstRefusal.code)) throw firstRefusal;
  const counts: Partial<Record<ServerOutcome, number>> = {};
  for (const line of lines) counts[line.outcome] = (counts[line.outcome] ?? 0) + 1;
  return { total: lines.length, counts, results: lines };
}

function notSentLine(serverId: string, cause: AlpaconMcpError): ServerLine {
  const error = { code: cause.code, message: `Not sent: ${cause.message}`, ...(cause.hint ? { hint: cause.hint } : {}) };
  return { server_id: serverId, command_id: null, outcome: 'not_sent', error };
}

function errorLine(serverId: string, commandId: string | null, error: unknown): ServerLine {
  const typed = error instanceof AlpaconMcpError ? error
    : commandId !== null ? afterSubmitError(error, commandId)
      : new AlpaconMcpError(ErrorCode.Internal, 'Submitting the command failed unexpectedly.', { cause: error });
  const hint = commandId === null && MAYBE_SUBMITTED.has(typed.code) ? SUBMIT_FAILED_HINT : typed.hint;
  return {
    server_id: serverId, command_id: commandId, outcome: 'error',
    error: { code: typed.code, message: typed.message, ...(hint ? { hint } : {}) },
  };
}

/** True when no server got the command and every one was refused with `code`, a reason that holds for the whole call. */
function allRefusedAlike(lines: ServerLine[], code: string): boolean {
  return WHOLE_CALL.has(code) && lines.every((l) => 'error' in l && l.command_id === null && l.error.code === code);
}

/** One line for people: how many servers ended how. */
export function summarizeFanOut(result: FanOutResult): string {
  const parts = Object.entries(result.counts).map(([outcome, count]) => `${count} ${outcome}`);
  return `${result.total} server(s): ${parts.join(', ')}.`;
}

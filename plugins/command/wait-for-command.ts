import { AlpaconMcpError, CancelledError, ErrorCode, sleepOrCancel, type AlpaconClient, type AlpaconTarget, AWAITING_APPROVAL, readCommand, type CommandDetails } from '../../core/index.js';
import { FIRST_POLL_MS, MAX_POLL_MS, POLL_GROWTH } from './limits.js';
import type { RequestBudget } from './limiter.js';

/** Poll failures worth riding out: the command exists, only reading its status failed for now. */
const TRANSIENT: ReadonlySet<string> = new Set([
  ErrorCode.Unavailable, ErrorCode.Timeout, ErrorCode.Network, ErrorCode.RateLimited, ErrorCode.CircuitOpen, ErrorCode.BadResponse,
]);

export interface WaitOptions {
  /** Epoch ms after which waiting stops. */
  deadline: number;
  signal: AbortSignal;
  /** Shares the request budget of a fan-out. */
  limiter?: RequestBudget;
  /** Called after every status read that is not final (live output follows the chunks here). */
  onWaiting?: (details: CommandDetails) => Promise<void>;
  /** Resolves when something says the command may have finished (the events WebSocket's `command_fin`): read at once. */
  woken?: () => Promise<void>;
}

export interface Waited {
  details: CommandDetails;
  timedOut: boolean;
  /** The last poll failure, when the wait ended without a fresh status. */
  pollProblem?: AlpaconMcpError;
}

/** Delay before poll number `attempt` (from 0): grows from FIRST_POLL_MS to MAX_POLL_MS, with ±10 % jitter. */
export function pollDelayMs(attempt: number): number {
  const base = Math.min(FIRST_POLL_MS * POLL_GROWTH ** attempt, MAX_POLL_MS);
  return Math.round(base * (0.9 + Math.random() * 0.2));
}

/**
 * Polls a submitted command until a final status, `awaiting_approval` (a human decides; that can take long), or the
 * deadline. Reads only: a command is never submitted again here, whatever fails.
 */
export async function waitForCommand(
  alpacon: AlpaconClient,
  target: AlpaconTarget,
  submitted: CommandDetails,
  options: WaitOptions,
): Promise<Waited> {
  const { signal, limiter } = options;
  const id = submitted.id;
  const what = `Waiting for command ${id} (it may still run; get_command_result reads it later)`;
  let details = submitted;
  let problem: AlpaconMcpError | undefined;
  for (let attempt = 0; ; attempt += 1) {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) return { details, timedOut: true, pollProblem: problem };
    await nap(Math.min(pollDelayMs(attempt), remaining), signal, what, options.woken);
    try {
      const read = () => alpacon.get(target, `/api/events/commands/${id}/`, { signal, resource: { what: 'Command', id } });
      details = readCommand(limiter ? await limiter.run(read, signal) : await read());
      problem = undefined;
    } catch (error) {
      if (signal.aborted) throw new CancelledError(what);
      if (error instanceof AlpaconMcpError && TRANSIENT.has(error.code)) {
        problem = error;
        continue;
      }
      throw afterSubmitError(error, id);
    }
    if (details.final || details.status === AWAITING_APPROVAL) return { details, timedOut: false };
    await options.onWaiting?.(details);
  }
}

/** Sleeps like sleepOrCancel, but ends early (without error) once `woken` resolves. */
async function nap(ms: number, signal: AbortSignal, what: string, woken?: () => Promise<void>): Promise<void> {
  if (woken === undefined) return sleepOrCancel(ms, signal, what);
  const local = new AbortController();
  const onAbort = () => local.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  void woken().then(() => local.abort());
  try {
    await sleepOrCancel(ms, local.signal, what);
  } catch (error) {
    if (signal.aborted) throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** An error while reading a command that was submitted: it keeps its code, and says the command exists. */
export function afterSubmitError(error: unknown, commandId: string): AlpaconMcpError {
  if (!(error instanceof AlpaconMcpError)) {
    return new AlpaconMcpError(ErrorCode.Internal, `Command ${commandId} was submitted, but reading its status failed.`, {
      details: { command_id: commandId }, cause: error,
    });
  }
  return new AlpaconMcpError(error.code, `Command ${commandId} was submitted, but reading its status failed: ${error.message}`, {
    hint: `${error.hint ?? ''} Do not submit it again; get_command_result with command_id reads it later.`.trim(),
    status: error.status, apiCode: error.apiCode, details: { ...error.details, command_id: commandId },
  });
}

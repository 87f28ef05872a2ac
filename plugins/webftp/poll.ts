import { AlpaconMcpError, CancelledError, ErrorCode, sleepOrCancel } from '../../core/index.js';

export interface PollOptions {
  signal: AbortSignal;
  timeoutMs: number;
  /** What is being waited for, for the timeout message. */
  what: string;
  hint?: string;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Calls `check` until it returns a value other than undefined: first at once, then with a delay that doubles up
 * to `maxDelayMs` (as the Alpacon CLI polls transfers). Cancellation and the deadline end the wait.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let delay = options.initialDelayMs ?? 50;
  for (;;) {
    if (options.signal.aborted) throw new CancelledError(`Waiting for ${options.what}`);
    const result = await check();
    if (result !== undefined) return result;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new AlpaconMcpError(ErrorCode.Timeout, `Gave up waiting for ${options.what} after ${Math.round(options.timeoutMs / 1000)} s.`, {
        hint: options.hint,
      });
    }
    await sleepOrCancel(Math.min(delay, left), options.signal, `Waiting for ${options.what}`);
    delay = Math.min(delay * 2, options.maxDelayMs ?? 2000);
  }
}

/** Status polls get 30 s, plus 10 s per file and 5 s per MiB (the CLI's budget). */
export function statusBudgetMs(bytes: number): number {
  return 40_000 + Math.ceil(bytes / (1024 * 1024)) * 5_000;
}

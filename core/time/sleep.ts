import { setTimeout as delay } from 'node:timers/promises';
import { CancelledError } from '../errors/index.js';

/** Waits `ms`, or ends early with a CancelledError naming `what` when the signal aborts (client cancel, shutdown). */
export async function sleepOrCancel(ms: number, signal: AbortSignal, what: string): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    throw new CancelledError(what);
  }
}

import { CancelledError } from '../errors/index.js';
import { whenAborted } from './abort-watch.js';

/** Waits `ms`, or ends early with a CancelledError naming `what` when the signal aborts (client cancel, shutdown). */
export function sleepOrCancel(ms: number, signal: AbortSignal, what: string): Promise<void> {
  if (signal.aborted) return Promise.reject(new CancelledError(what));
  return new Promise<void>((resolve, reject) => {
    const stop = whenAborted(signal, () => {
      clearTimeout(timer);
      reject(new CancelledError(what));
    });
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
  });
}

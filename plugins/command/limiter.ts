import { CancelledError, whenAborted } from '../../core/index.js';

interface Waiter {
  grant: () => void;
  /** Its signal aborted: skipped when its turn comes, instead of searched for in the queue on abort. */
  cancelled: boolean;
}

/** Runs a task within a shared budget of requests in flight. */
export interface RequestBudget {
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** A counting semaphore: at most `max` tasks run at once; the rest wait in arrival order. */
export class Limiter implements RequestBudget {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  private readonly waitingFirst: Waiter[] = [];

  constructor(private readonly max: number) {}

  /**
   * The same budget, but served before the tasks waiting in `run`: a fan-out reads the commands already submitted before
   * it submits the next, so each server ends as soon as it can instead of all of them waiting behind every submission.
   */
  readonly first: RequestBudget = { run: <T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> => this.runFrom(this.waitingFirst, task, signal) };

  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.runFrom(this.waiting, task, signal);
  }

  private async runFrom<T>(queue: Waiter[], task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(queue, signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(queue: Waiter[], signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      // whenAborted: one listener on the signal however many wait on it (a fan-out's servers all share the call's signal).
      let stopWatching: (() => void) | undefined;
      const waiter: Waiter = {
        cancelled: false,
        grant: () => {
          stopWatching?.();
          this.active += 1;
          resolve();
        },
      };
      if (signal) {
        stopWatching = whenAborted(signal, () => {
          waiter.cancelled = true;
          reject(new CancelledError());
        });
      }
      queue.push(waiter);
    });
  }

  private release(): void {
    this.active -= 1;
    this.nextWaiter()?.grant();
  }

  /** The oldest waiter not cancelled, those of `first` before the others. */
  private nextWaiter(): Waiter | undefined {
    for (const queue of [this.waitingFirst, this.waiting]) {
      for (let waiter = queue.shift(); waiter !== undefined; waiter = queue.shift()) {
        if (!waiter.cancelled) return waiter;
      }
    }
    return undefined;
  }
}

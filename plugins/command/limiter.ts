import { CancelledError } from '../../core/index.js';

interface Waiter {
  grant: () => void;
  cancel: () => void;
  signal?: AbortSignal;
}

/** Runs a task within a shared budget of requests in flight. */
export interface RequestBudget {
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** A counting semaphore: at most `max` tasks run at once; the rest wait in arrival order. */
export class Limiter implements RequestBudget {
  private active = 0;
  private waiting: Waiter[] = [];
  private waitingFirst: Waiter[] = [];
  /**
   * Signals already listened to: one listener per signal cancels all its waiters. A listener per waiter made a fan-out to
   * 1,000 servers add and remove thousands of listeners on the call's one signal, each walking the list of the others.
   */
  private readonly watched = new WeakSet<AbortSignal>();

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
      const grant = (): void => {
        this.active += 1;
        resolve();
      };
      queue.push({ grant, cancel: () => reject(new CancelledError()), signal });
      if (signal && !this.watched.has(signal)) {
        this.watched.add(signal);
        signal.addEventListener('abort', () => this.cancelWaiting(signal), { once: true });
      }
    });
  }

  private cancelWaiting(signal: AbortSignal): void {
    for (const queue of [this.waitingFirst, this.waiting]) {
      const kept = queue.filter((w) => w.signal !== signal);
      const cancelled = queue.filter((w) => w.signal === signal);
      queue.splice(0, queue.length, ...kept);
      for (const waiter of cancelled) waiter.cancel();
    }
  }

  private release(): void {
    this.active -= 1;
    (this.waitingFirst.shift() ?? this.waiting.shift())?.grant();
  }
}

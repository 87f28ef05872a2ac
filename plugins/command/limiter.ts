import { CancelledError } from '../../core/index.js';

interface Waiter {
  grant: () => void;
  cancel: () => void;
  signal?: AbortSignal;
}

/** A counting semaphore: at most `max` tasks run at once; the rest wait in arrival order. */
export class Limiter {
  private active = 0;
  private waiting: Waiter[] = [];
  /**
   * Signals already listened to: one listener per signal cancels all its waiters. A listener per waiter made a fan-out to
   * 1,000 servers add and remove thousands of listeners on the call's one signal, each walking the list of the others.
   */
  private readonly watched = new WeakSet<AbortSignal>();

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
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
      this.waiting.push({ grant, cancel: () => reject(new CancelledError()), signal });
      if (signal && !this.watched.has(signal)) {
        this.watched.add(signal);
        signal.addEventListener('abort', () => this.cancelWaiting(signal), { once: true });
      }
    });
  }

  private cancelWaiting(signal: AbortSignal): void {
    const cancelled = this.waiting.filter((w) => w.signal === signal);
    this.waiting = this.waiting.filter((w) => w.signal !== signal);
    for (const waiter of cancelled) waiter.cancel();
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.grant();
  }
}

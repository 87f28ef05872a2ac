import type { Logger } from './logger.js';

type ShutdownHook = () => Promise<void> | void;

/** Shutdown hooks (e.g. the Websh pool closing its sessions through the API), run once, newest first. */
export class Lifecycle {
  private readonly hooks: ShutdownHook[] = [];
  private closing: Promise<void> | undefined;
  private readonly controller = new AbortController();

  constructor(private readonly log: Logger) {}

  /** Aborted when shutdown begins; long waits should listen to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  onShutdown(hook: ShutdownHook): void {
    this.hooks.push(hook);
  }

  shutdown(): Promise<void> {
    this.closing ??= this.runHooks();
    return this.closing;
  }

  private async runHooks(): Promise<void> {
    this.controller.abort();
    for (const hook of [...this.hooks].reverse()) {
      try {
        await hook();
      } catch (error) {
        this.log.warn('shutdown hook failed', { error });
      }
    }
  }
}

import type { Logger } from './logger.js';

type ShutdownHook = () => Promise<void> | void;
type SessionEndHook = (owner: string) => Promise<void> | void;

/** Shutdown hooks (e.g. the Websh pool closing its sessions through the API), run once, newest first. */
export class Lifecycle {
  private readonly hooks: ShutdownHook[] = [];
  private readonly sessionHooks: SessionEndHook[] = [];
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

  /** Called when an MCP session ends, with its owner id (ToolContext.owner): release what the session held. */
  onSessionEnd(hook: SessionEndHook): void {
    this.sessionHooks.push(hook);
  }

  async endSession(owner: string): Promise<void> {
    for (const hook of this.sessionHooks) {
      try {
        await hook(owner);
      } catch (error) {
        this.log.warn('session end hook failed', { error });
      }
    }
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

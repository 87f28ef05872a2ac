import { BRAND, hasBrand } from '../brand.js';
import type { CallClient } from '../http/call-client.js';
import type { Logger } from '../logger.js';

/** What a tool method receives besides its validated input. */
export interface ToolContext {
  /** Aborted when the client cancels the request or the server shuts down. */
  readonly signal: AbortSignal;
  /** Name of the tool being called. */
  readonly tool: string;
  /**
   * Who owns state a tool keeps between calls (Websh channels, pooled connections): the MCP session that made the call, or
   * in stateless mode the caller (its credential). Key such state by it, so another session can neither list nor use it.
   */
  readonly owner: string;
  /** Alpacon, bound to this call's workspace, region and cancellation signal: `ctx.alpacon.get('/api/...')`. */
  readonly alpacon: CallClient;
  /** Reports progress when the client asked for it (sent a progress token); a no-op otherwise. */
  progress(done: number, total?: number, message?: string): Promise<void>;
  /** True when the client sent a progress token, so work done only to report progress is worth doing. */
  readonly progressRequested?: boolean;
  readonly log: Logger;
}

/** A tool result with a one-line summary for people, besides the data for the model. */
export class ToolReply<T = unknown> {
  declare readonly [BRAND.toolReply]: true;
  constructor(
    readonly data: T,
    readonly summary?: string,
  ) {}
}

export const reply = <T>(data: T, summary?: string): ToolReply<T> => new ToolReply(data, summary);
Object.defineProperty(ToolReply.prototype, BRAND.toolReply, { value: true });

/** Recognises a reply made by any copy of alpacon-mcp. */
export function isToolReply(value: unknown): value is ToolReply {
  return hasBrand(value, BRAND.toolReply);
}

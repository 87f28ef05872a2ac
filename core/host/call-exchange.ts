import { CLIENT_CAPABILITIES_META_KEY, PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';
import type { ElicitRequestFormParams, ElicitResult, Server, ServerContext } from '@modelcontextprotocol/server';

/** What a guard may know and do about the request it guards, whichever protocol era it came in. */
export interface CallExchange {
  /** `modern`: a 2026-07-28 request (per-request `_meta` envelope, no session); `legacy`: a 2025-era connection. */
  era: 'modern' | 'legacy';
  /** Who is calling: the stdio connection or the HTTP credential (hashed). */
  caller: string;
  /** Whether the client declared form elicitation (at initialize, or in this request's envelope). */
  canElicit: boolean;
  /** 2025 era: asks the user through a server→client elicitation request tied to this call. */
  elicit(params: ElicitRequestFormParams): Promise<ElicitResult>;
  /** 2026-07-28 retries: the client's answers to the previous round and the state it echoes back (untrusted). */
  inputResponses?: Record<string, unknown>;
  requestState?: string;
}

export function callExchange(server: Server, ctx: ServerContext, caller: string): CallExchange {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const modern = typeof envelope?.[PROTOCOL_VERSION_META_KEY] === 'string';
  const capabilities = (modern ? envelope?.[CLIENT_CAPABILITIES_META_KEY] : server.getClientCapabilities()) as { elicitation?: object } | undefined;
  const state = ctx.mcpReq.requestState();
  return {
    era: modern ? 'modern' : 'legacy',
    caller,
    canElicit: capabilities?.elicitation !== undefined,
    elicit: (params) => ctx.mcpReq.elicitInput(params, { signal: ctx.mcpReq.signal }),
    inputResponses: ctx.mcpReq.inputResponses,
    requestState: typeof state === 'string' ? state : undefined,
  };
}

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** Who made an authenticated request: the workspace user behind the token, and the token itself. */
export interface Principal {
  userId: string;
  username: string;
  isStaff: boolean;
  isSuperuser: boolean;
  /** Id of the API token used (the JWT's subject for Bearer auth). */
  tokenId: string;
  kind: 'api-token' | 'jwt';
  /** For API tokens: how the token was issued (`api` or `login`). */
  tokenSource?: 'api' | 'login';
}

export interface SandboxRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined for raw routes and bodiless requests. */
  body: unknown;
  raw: IncomingMessage;
  principal?: Principal;
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** A handler returns a Reply (serialized as JSON) or 'handled' when it wrote to res itself (streaming). */
export type Handler = (
  req: SandboxRequest,
  res: ServerResponse,
) => Promise<Reply | 'handled'> | Reply | 'handled';

export interface RouteOptions {
  /** Require Alpacon authentication (default true). */
  auth?: boolean;
  /** Do not parse the body: the handler streams it from `req.raw`. */
  rawBody?: boolean;
  /** Served even while MFA is required (the MFA flow's own endpoints). */
  mfaExempt?: boolean;
}

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Patterns are literal paths with `:name` segments (one segment) and an optional final `*name`
 * segment that captures the rest of the path (slashes included). Patterns for the Alpacon API end
 * with `/`; a request without the trailing slash does not match (DRF behaviour: 404).
 */
export interface Router {
  add(method: string, pattern: string, handler: Handler, options?: RouteOptions): void;
  /** Serve WebSocket upgrades whose path starts with `prefix` (for example `/ws/websh/`). */
  onUpgrade(prefix: string, handler: UpgradeHandler): void;
}

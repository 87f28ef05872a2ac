import { BRAND, hasBrand } from '../brand.js';
import { ErrorCode } from './codes.js';

export interface ErrorDetails {
  /** What the caller can do about it, phrased for a model or a person. */
  hint?: string;
  /** HTTP status from Alpacon, when the error came from the API. */
  status?: number;
  /** The API's own machine code (`api_token_acl_not_allowed`, ...), when it sent one. */
  apiCode?: string;
  /** Extra structured facts (field errors, ids); must never hold secrets. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error type of alpacon-mcp: every failure a user sees is one of these, with a stable code. */
export class AlpaconMcpError extends Error {
  declare readonly [BRAND.error]: true;
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly status?: number;
  readonly apiCode?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, extra: ErrorDetails = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AlpaconMcpError';
    this.code = code;
    this.hint = extra.hint;
    this.status = extra.status;
    this.apiCode = extra.apiCode;
    this.details = extra.details;
  }
}

Object.defineProperty(AlpaconMcpError.prototype, BRAND.error, { value: true });

/** True for errors of any copy of alpacon-mcp (a plugin may bundle its own), recognised by brand rather than by class. */
export const isAlpaconMcpError = (value: unknown): value is AlpaconMcpError => hasBrand(value, BRAND.error);

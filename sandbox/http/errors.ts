// Bodies are DRF's: `{"detail": ...}` with a `code` only where the official CLI documents one (shared/alpacon-api.md §3).

/** An error a handler may throw; the server turns it into a JSON reply with this status and body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body !== null && 'detail' in body ? String(body.detail) : `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export function notFound(): ApiError {
  return new ApiError(404, { detail: 'Not found.' });
}

export function badRequest(detail: string, code?: string): ApiError {
  return new ApiError(400, code === undefined ? { detail } : { detail, code });
}

/** DRF per-field validation error: `{field: ["message", ...]}`. */
export function fieldErrors(errors: Record<string, string[]>): ApiError {
  return new ApiError(400, errors);
}

export function permissionDenied(detail = 'You do not have permission to perform this action.'): ApiError {
  return new ApiError(403, { detail });
}

/** Token ACL violation: the real API answers 403 with a code and no detail. */
export function aclDenied(): ApiError {
  return new ApiError(403, { code: 'api_token_acl_not_allowed' });
}

export function methodNotAllowed(method: string): ApiError {
  return new ApiError(405, { detail: `Method "${method}" not allowed.` });
}

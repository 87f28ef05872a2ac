import { AlpaconMcpError, ErrorCode, type FieldProblem, InvalidInputError } from '../errors/index.js';

export interface ResourceRef {
  /** Human name of what the path addresses ("Server", "Command"). */
  what: string;
  id: string;
}

interface ApiErrorBody {
  detail?: string;
  code?: string;
  fields: FieldProblem[];
}

/**
 * Reads a DRF error body: `{detail, code}`, field errors `{field: ["msg"], non_field_errors: [...]}`, or a bare array
 * `["msg", ...]` (a `ValidationError` raised with a list; shared/alpacon-api.md section 0), whose messages become the detail.
 */
export function parseApiErrorBody(body: unknown): ApiErrorBody {
  // A bare JSON string is the whole message (some views answer `"webftp_transfer_in_progress"`).
  if (typeof body === 'string') return { detail: body, fields: [] };
  if (Array.isArray(body)) {
    const messages = body.filter((m): m is string => typeof m === 'string');
    return messages.length > 0 ? { detail: messages.join(' '), fields: [] } : { fields: [] };
  }
  if (typeof body !== 'object' || body === null) return { fields: [] };
  const record = body as Record<string, unknown>;
  const fields: FieldProblem[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === 'detail' || key === 'code' || key === 'source') continue;
    const messages = Array.isArray(value) ? value.filter((m): m is string => typeof m === 'string') : typeof value === 'string' ? [value] : [];
    if (messages.length > 0) fields.push({ field: key, problems: messages });
  }
  return {
    detail: typeof record.detail === 'string' ? record.detail : undefined,
    code: typeof record.code === 'string' ? record.code : undefined,
    fields,
  };
}

/** DRF's NotAuthenticated text: the 2024 server sends it with 403 for a missing or bad credential (SessionAuthentication first). */
const NOT_AUTHENTICATED = /authentication credentials were not provided/i;

/** A command-ACL refusal of the 2024 server: 400 `{"line": ["Permission denied"]}` (events/api/serializers.py validate_line). */
function isLineAclRefusal(fields: FieldProblem[]): boolean {
  return fields.some((f) => f.field === 'line' && f.problems.some((p) => /^permission denied\.?$/i.test(p.trim())));
}

const REPLACE_TOKEN_HINT =
  'The token is missing, wrong or expired: create a new API token in Alpacon and store it with "alpacon-mcp add" ' +
  '(check that workspace and region are right). A bigger role will not help.';

/** Maps a non-2xx Alpacon response to the typed error a model can act on. */
export function apiError(status: number, body: unknown, resource?: ResourceRef): AlpaconMcpError {
  const { detail, code, fields } = parseApiErrorBody(body);
  const extra = { status, apiCode: code };
  const said = detail ? ` Alpacon said: ${detail}` : '';

  if (!code && (status === 401 || (status === 403 && detail !== undefined && NOT_AUTHENTICATED.test(detail)))) {
    return new AlpaconMcpError(ErrorCode.Unauthorized, `The API token was not accepted (missing, wrong, expired or revoked).${said}`, {
      ...extra, hint: REPLACE_TOKEN_HINT,
    });
  }
  if (status === 400 && isLineAclRefusal(fields)) {
    return new AlpaconMcpError(ErrorCode.AclDenied, 'The API token\'s command ACL does not allow this command line.', {
      ...extra,
      hint: 'Ask a workspace admin to add a matching command ACL rule to this API token, or use a token that has it. Changing other values or retrying will not help.',
    });
  }

  if (code === 'auth_mfa_required') {
    return new AlpaconMcpError(ErrorCode.MfaRequired, `Multi-factor authentication is required for this action.${said}`, {
      ...extra,
      hint: 'Complete MFA for this workspace in the Alpacon web console (or with the Alpacon CLI), then call the tool again.',
    });
  }
  if (code === 'api_token_acl_not_allowed') {
    return new AlpaconMcpError(ErrorCode.AclDenied, 'The API token\'s access control list does not allow this (command, server or file path).', {
      ...extra,
      hint: 'Ask a workspace admin to add a matching command/server/file ACL rule to this API token, or use a token that has it. Retrying will not help.',
    });
  }
  if (code?.startsWith('work_session_')) {
    return new AlpaconMcpError(ErrorCode.WorkSessionRequired, `A usable work session is required (${code}).${said}`, {
      ...extra,
      hint: 'Open or extend a work session covering this server in Alpacon, then pass its id as work_session_id.',
    });
  }
  if (code === 'command_inline_credential') {
    return new AlpaconMcpError(ErrorCode.InlineCredential, `Alpacon refused a command with an inline credential.${said}`, {
      ...extra,
      hint: 'Do not put passwords or tokens in the command line; pass them as environment variables (env) instead.',
    });
  }
  if (code === 'server_busy_with_user_work') {
    return new AlpaconMcpError(ErrorCode.ServerBusy, `The server is busy with active user work.${said}`, {
      ...extra,
      hint: 'Retry later, or repeat the call with force: true if interrupting the users is acceptable.',
    });
  }
  switch (status) {
    case 400:
      if (fields.length > 0) {
        const error = new InvalidInputError(fields, 'Alpacon rejected these values; fix them and call the tool again.');
        return Object.assign(error, { status, apiCode: code });
      }
      return new AlpaconMcpError(ErrorCode.ApiError, `Alpacon rejected the request.${said}`, { ...extra, hint: 'Check the arguments.' });
    case 401:
      return new AlpaconMcpError(ErrorCode.Unauthorized, `The API token was not accepted (missing, wrong, expired or revoked).${said}`, { ...extra, hint: REPLACE_TOKEN_HINT });
    case 403:
      return new AlpaconMcpError(ErrorCode.Forbidden, `Permission denied: this user or token lacks the privileges for this action.${said}`, {
        ...extra,
        hint: 'Use an account with the required role (get_current_user shows the privilege level) or ask a workspace admin.',
      });
    case 404:
      return resource
        ? new AlpaconMcpError(ErrorCode.NotFound, `${resource.what} ${resource.id} was not found.`, {
            ...extra,
            hint: `Check the id; list them to find a valid ${resource.what.toLowerCase()}.`,
            details: { [resource.what.toLowerCase()]: resource.id },
          })
        : new AlpaconMcpError(ErrorCode.NotFound, `Not found.${said}`, { ...extra, hint: 'Check the ids you passed.' });
    case 409:
      return new AlpaconMcpError(ErrorCode.Conflict, `Conflict with the current state.${said}`, { ...extra, hint: 'Refresh the state and retry.' });
    case 408:
    case 504:
      return new AlpaconMcpError(ErrorCode.Timeout, `Alpacon timed out (HTTP ${status}).`, { ...extra, hint: 'Retry in a moment.' });
    case 429:
      return new AlpaconMcpError(ErrorCode.RateLimited, 'Alpacon rate limit reached.', {
        ...extra,
        hint: 'Wait a minute before calling again; service tokens are limited to about 1000 requests per hour.',
      });
    default:
      if (status >= 500) {
        return new AlpaconMcpError(ErrorCode.Unavailable, `Alpacon had a server error (HTTP ${status}).`, { ...extra, hint: 'Retry in a moment.' });
      }
      return new AlpaconMcpError(ErrorCode.ApiError, `Alpacon answered HTTP ${status}.${said}`, extra);
  }
}

import type { CallToolResult } from '@modelcontextprotocol/server';
import { ErrorCode } from './codes.js';
import { AlpaconMcpError, isAlpaconMcpError } from './alpacon-error.js';
import { redactSecrets } from '../security/secrets.js';

export interface ResultTarget {
  workspace?: string;
  region?: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  hint?: string;
  status?: number;
  api_code?: string;
  details?: Record<string, unknown>;
}

export function successResult(data: unknown, target: ResultTarget, summary?: string): CallToolResult {
  // Serialized once: the text the model reads, scrubbed of known secrets; the structured copy is rebuilt only when it had one.
  const raw = JSON.stringify(data ?? null);
  const text = redactSecrets(raw);
  const structured = { ok: true, data: text === raw ? (data ?? null) : (JSON.parse(text) as unknown), ...definedTarget(target) };
  const content: CallToolResult['content'] = [];
  if (summary) content.push({ type: 'text', text: redactSecrets(summary) });
  content.push({ type: 'text', text });
  return { content, structuredContent: structured };
}

export function errorResult(error: unknown, onUnexpected: (error: unknown) => void): CallToolResult {
  const known = isAlpaconMcpError(error) ? error : undefined;
  if (!known) onUnexpected(error);
  const mapped = known ?? new AlpaconMcpError(ErrorCode.Internal, 'Internal error in alpacon-mcp; details were logged on stderr.');
  const body = scrub(errorBody(mapped));
  const text = [`Error [${body.code}]: ${body.message}`, body.hint ? `Hint: ${body.hint}` : ''].filter(Boolean).join('\n');
  return { isError: true, content: [{ type: 'text', text }], structuredContent: { ok: false, error: body } };
}

function errorBody(error: AlpaconMcpError): ErrorBody {
  return {
    code: error.code,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.apiCode ? { api_code: error.apiCode } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}

function definedTarget(target: ResultTarget): ResultTarget {
  return {
    ...(target.workspace ? { workspace: target.workspace } : {}),
    ...(target.region ? { region: target.region } : {}),
  };
}

/** Round-trips through JSON with every known secret removed: the last gate before anything leaves. */
function scrub<T>(value: T): T {
  return JSON.parse(redactSecrets(JSON.stringify(value))) as T;
}

import { AlpaconMcpError, ErrorCode } from '../errors/index.js';
import type { Query } from './alpacon-client.js';

/**
 * django-filter refuses a filter value that names no object with a 400 on that field — `{"server": ["Select a valid
 * choice. That choice is not one of the available choices."]}` on the 2024 server (`alpacanetworks/alpacon-server`,
 * `filterset_fields = ['server', ...]` in its views) — not an empty page. For the caller that is an unknown id.
 */
const INVALID_CHOICE = /^Select a valid choice/i;
const LIST_TOOL: Record<string, string> = { server: 'list_servers', user: 'list_iam_users', group: 'list_iam_groups' };

export function unknownFilterValue(status: number, body: unknown, query: Query | undefined): AlpaconMcpError | undefined {
  if (status !== 400 || typeof body !== 'object' || body === null || Array.isArray(body) || query === undefined) return undefined;
  const entries = Object.entries(body as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [field, messages] = entries[0];
  const value = query[field];
  if (value === undefined || value === null || !Array.isArray(messages) || !messages.some((m) => typeof m === 'string' && INVALID_CHOICE.test(m))) return undefined;
  const what = field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, ' ');
  return new AlpaconMcpError(ErrorCode.NotFound, `${what} ${String(value)} was not found.`, {
    status,
    hint: LIST_TOOL[field] ? `Check the ${field}_id; ${LIST_TOOL[field]} gives valid ids.` : `Check the ${field} value.`,
    details: { [field]: value },
  });
}

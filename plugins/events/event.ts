import { AlpaconMcpError, ErrorCode } from '../../core/index.js';

/** An Alpacon event with its server flattened to id and name. */
export interface EventView {
  id: string;
  server_id: string | null;
  server_name: string | null;
  reporter: string | null;
  record: string | null;
  description: string | null;
  added_at: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function readEvent(body: unknown): EventView {
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw new AlpaconMcpError(ErrorCode.BadResponse, 'Alpacon answered with something that is not an event (no id).');
  }
  const server = body.server;
  return {
    id: body.id,
    server_id: isRecord(server) ? str(server.id) : str(server),
    server_name: isRecord(server) ? str(server.name) : null,
    reporter: str(body.reporter),
    record: str(body.record),
    description: str(body.description),
    added_at: str(body.added_at),
  };
}

const nullableString = { type: ['string', 'null'] };

export const EVENT_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' }, server_id: nullableString, server_name: nullableString, reporter: nullableString,
    record: nullableString, description: nullableString, added_at: nullableString,
  },
  required: ['id'],
} as const;

/** Items are EVENT_SCHEMA; kept out of the list schema to keep tools/list small. */
export const EVENT_LIST_SCHEMA = {
  type: 'object',
  properties: { count: { type: 'integer' }, events: { type: 'array', items: { type: 'object' } } },
  required: ['count', 'events'],
} as const;

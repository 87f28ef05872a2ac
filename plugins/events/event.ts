import { AlpaconMcpError, ErrorCode } from '../../core/index.js';

/**
 * An Alpacon event with its server flattened to id and name. Today's service gives events an `id` and `added_at`; the
 * 2024 server lists only `server, record, count, reporter, description` (alpacon-server `events/api/serializers.py`
 * EventListSerializer), so those two may be null.
 */
export interface EventView {
  id: string | null;
  server_id: string | null;
  server_name: string | null;
  reporter: string | null;
  record: string | null;
  description: string | null;
  /** How many times it repeated (the 2024 server counts repeats within 10 minutes). */
  count: number | null;
  added_at: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function readEvent(body: unknown): EventView {
  if (!isRecord(body) || !('record' in body || 'id' in body || 'description' in body)) {
    throw new AlpaconMcpError(ErrorCode.BadResponse, 'Alpacon answered with something that is not an event.');
  }
  const server = body.server;
  return {
    id: str(body.id),
    server_id: isRecord(server) ? str(server.id) : str(server),
    server_name: isRecord(server) ? str(server.name) : str(body.server_name),
    reporter: str(body.reporter),
    record: str(body.record),
    description: str(body.description),
    count: typeof body.count === 'number' ? body.count : null,
    added_at: str(body.added_at),
  };
}

const nullableString = { type: ['string', 'null'] };

export const EVENT_SCHEMA = {
  type: 'object',
  properties: {
    id: nullableString, server_id: nullableString, server_name: nullableString, reporter: nullableString,
    record: nullableString, description: nullableString, count: { type: ['integer', 'null'] }, added_at: nullableString,
  },
  required: ['id', 'record'],
} as const;

/** Items are EVENT_SCHEMA; kept out of the list schema to keep tools/list small. */
export const EVENT_LIST_SCHEMA = {
  type: 'object',
  properties: { count: { type: 'integer' }, events: { type: 'array', items: { type: 'object' } }, note: { type: 'string' } },
  required: ['count', 'events'],
} as const;

/** Said when events come without ids (the 2024 server): get_event has nothing to address them by. */
export const NO_EVENT_IDS_NOTE =
  'This Alpacon server gives events no id (the open-source 2024 server does not expose them), so get_event cannot ' +
  'address single events here: narrow the list with server_id, reporter or search_events instead.';

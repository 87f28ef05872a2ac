/** Reads `/api/proc/...` resources of one server: single records and capped lists. */
import { AlpaconMcpError, ErrorCode, type AlpaconClient, type AlpaconTarget, type Query } from '../../core/index.js';

export type ProcRecord = Record<string, unknown>;

export interface ProcList {
  server_id: string;
  /** Entries Alpacon has in total (after filters). */
  count: number;
  truncated: boolean;
  items: ProcRecord[];
  note?: string;
}

const isRecord = (value: unknown): value is ProcRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A single-record endpoint may answer with the object, a one-element list, or a page of one. */
export function firstRecord(body: unknown): ProcRecord | undefined {
  if (Array.isArray(body)) return body.find(isRecord);
  if (!isRecord(body)) return undefined;
  if (Array.isArray(body.results)) return body.results.find(isRecord);
  return body;
}

export async function getRecord(alpacon: AlpaconClient, target: AlpaconTarget, path: string, serverId: string, what: string, signal: AbortSignal): Promise<ProcRecord> {
  const body = await alpacon.get(target, path, { query: { server: serverId }, resource: { what: 'Server', id: serverId }, signal });
  const record = firstRecord(body);
  if (record === undefined) {
    throw new AlpaconMcpError(ErrorCode.NotFound, `Alpacon has no ${what} for server ${serverId} yet.`, {
      hint: 'The Alpacon agent reports this after it connects; check the server with get_server (is_connected) and try again later.',
    });
  }
  return record;
}

export interface ListRequest {
  path: string;
  serverId: string;
  limit: number;
  filters?: Query;
  /** How to narrow the list, said in the note when it is cut. */
  narrowHint: string;
  signal: AbortSignal;
}

export async function getList(alpacon: AlpaconClient, target: AlpaconTarget, request: ListRequest): Promise<ProcList> {
  const { path, serverId, limit, filters = {}, narrowHint, signal } = request;
  const { items, count, truncated } = await alpacon.collect<unknown>(target, path, limit, {
    query: { server: serverId, ...filters },
    resource: { what: 'Server', id: serverId },
    signal,
  });
  const records = items.filter(isRecord);
  const list: ProcList = { server_id: serverId, count, truncated, items: records };
  if (truncated) list.note = `Showing ${records.length} of ${count}; ${narrowHint}.`;
  return list;
}

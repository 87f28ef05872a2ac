import { ALPACON, AlpaconClient, AlpaconMcpError, Effects, ErrorCode, inject, injectable, reply, summarizeItems, Tool, type AlpaconTarget, type Query, type ToolContext } from '../../core/index.js';
import { GetEventInput, ListEventsInput, SearchEventsInput } from './dto.js';
import { EVENT_LIST_SCHEMA, EVENT_SCHEMA, NO_EVENT_IDS_NOTE, readEvent } from './event.js';

const EVENTS_PATH = '/api/events/events/';

/** What list_events and search_events show of each event by default (get_event or fields for the rest). */
const EVENT_SUMMARY = ['id', 'server_name', 'record', 'description', 'added_at'];

@injectable()
export class EventTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_events',
    title: 'List events',
    description: 'Recent events of the workspace (agent, system, security), newest first; filter by server_id or reporter.',
    input: ListEventsInput,
    annotations: Effects.read,
    output: EVENT_LIST_SCHEMA,
    searchHint: 'events activity log history server events',
  })
  listEvents({ server_id, reporter, fields, limit = 20, ...target }: ListEventsInput, ctx: ToolContext) {
    return this.events(target, { server: server_id, reporter }, limit, fields, ctx.signal);
  }

  @Tool({
    name: 'search_events',
    title: 'Search events',
    description: 'Events whose description, record, reporter or server name contains search_query, newest first.',
    input: SearchEventsInput,
    annotations: Effects.read,
    output: EVENT_LIST_SCHEMA,
    searchHint: 'search events find event text',
  })
  searchEvents({ search_query, server_id, fields, limit = 20, ...target }: SearchEventsInput, ctx: ToolContext) {
    return this.events(target, { search: search_query, server: server_id }, limit, fields, ctx.signal);
  }

  @Tool({
    name: 'get_event',
    title: 'Get event',
    description:
      'One event. The open-source 2024 server lists events without ids, so it cannot address one; the tool says so.',
    input: GetEventInput,
    annotations: Effects.read,
    output: EVENT_SCHEMA,
    searchHint: 'event details',
  })
  async getEvent({ event_id, ...target }: GetEventInput, ctx: ToolContext) {
    let body: unknown;
    try {
      body = await this.alpacon.get(target, `${EVENTS_PATH}${event_id}/`, { signal: ctx.signal, resource: { what: 'Event', id: event_id } });
    } catch (error) {
      throw await this.explainMissing(error, target, ctx.signal);
    }
    // The 2024 server's detail answer has no id either: it is the one asked for.
    const event = { ...readEvent(body), id: event_id };
    return reply(event, `${event.record ?? 'event'} on ${event.server_name ?? event.server_id ?? 'unknown server'} at ${event.added_at ?? '?'}`);
  }

  /** A 404 on a server whose events carry no ids means "cannot address single events", not "wrong id". */
  private async explainMissing(error: unknown, target: AlpaconTarget, signal: AbortSignal): Promise<unknown> {
    if (!(error instanceof AlpaconMcpError) || error.code !== ErrorCode.NotFound) return error;
    const sample = await this.alpacon.collect<unknown>(target, EVENTS_PATH, 1, { signal, maxPages: 1 }).catch(() => undefined);
    const first = sample?.items[0];
    if (first === undefined || readEvent(first).id !== null) return error;
    return new AlpaconMcpError(ErrorCode.NotFound, `${error.message} This Alpacon server cannot address single events.`, {
      status: error.status, details: error.details, hint: NO_EVENT_IDS_NOTE,
    });
  }

  private async events(target: AlpaconTarget, filters: Query, limit: number, fields: string[] | undefined, signal: AbortSignal) {
    const found = await this.alpacon.collect<unknown>(target, EVENTS_PATH, limit, {
      signal, query: { ...filters, ordering: '-added_at' }, maxPages: 1,
    });
    const events = found.items.map(readEvent);
    const more = found.truncated ? ` ${found.count - events.length} older not shown; raise limit (max 100) or narrow the filters.` : '';
    const withoutIds = events.some((event) => event.id === null);
    const { results, omitted_fields } = summarizeItems(events, EVENT_SUMMARY, fields);
    return reply(
      { count: found.count, events: results, ...(omitted_fields ? { omitted_fields } : {}), ...(withoutIds ? { note: NO_EVENT_IDS_NOTE } : {}) },
      `${events.length} of ${found.count} event(s).${more}${withoutIds ? ' (no event ids on this server)' : ''}`,
    );
  }
}

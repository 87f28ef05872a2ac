import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type AlpaconTarget, type Query, type ToolContext } from '../../core/index.js';
import { GetEventInput, ListEventsInput, SearchEventsInput } from './dto.js';
import { EVENT_LIST_SCHEMA, EVENT_SCHEMA, readEvent } from './event.js';

const EVENTS_PATH = '/api/events/events/';

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
  listEvents({ server_id, reporter, limit = 20, ...target }: ListEventsInput, ctx: ToolContext) {
    return this.events(target, { server: server_id, reporter }, limit, ctx.signal);
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
  searchEvents({ search_query, server_id, limit = 20, ...target }: SearchEventsInput, ctx: ToolContext) {
    return this.events(target, { search: search_query, server: server_id }, limit, ctx.signal);
  }

  @Tool({
    name: 'get_event',
    title: 'Get event',
    description: 'One event by id (event_id from list_events or search_events).',
    input: GetEventInput,
    annotations: Effects.read,
    output: EVENT_SCHEMA,
    searchHint: 'event details',
  })
  async getEvent({ event_id, ...target }: GetEventInput, ctx: ToolContext) {
    const body = await this.alpacon.get(target, `${EVENTS_PATH}${event_id}/`, { signal: ctx.signal, resource: { what: 'Event', id: event_id } });
    const event = readEvent(body);
    return reply(event, `${event.record ?? 'event'} on ${event.server_name ?? event.server_id ?? 'unknown server'} at ${event.added_at ?? '?'}`);
  }

  private async events(target: AlpaconTarget, filters: Query, limit: number, signal: AbortSignal) {
    const found = await this.alpacon.collect<unknown>(target, EVENTS_PATH, limit, {
      signal, query: { ...filters, ordering: '-added_at' }, maxPages: 1,
    });
    const events = found.items.map(readEvent);
    const more = found.truncated ? ` ${found.count - events.length} older not shown; raise limit (max 100) or narrow the filters.` : '';
    return reply({ count: found.count, events }, `${events.length} of ${found.count} event(s).${more}`);
  }
}

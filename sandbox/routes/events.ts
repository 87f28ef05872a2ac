import type { SandboxContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import type { EventRecord } from '../world/models.js';
import { serverSummary } from '../world/summaries.js';
import type { World } from '../world/world.js';
import { applyOrdering, isUuid } from './body-reader.js';

/** The 2024 server's EventListSerializer / EventSerializer: no `id`, no `added_at` (alpacon-server events/api/serializers.py). */
function event2024(event: EventRecord, detail: boolean): Record<string, unknown> {
  return {
    server: event.server, record: event.record, count: 1, reporter: event.reporter, description: event.description,
    ...(detail ? { data: null } : {}),
  };
}

function eventJson(world: World, event: EventRecord): Record<string, unknown> {
  const server = world.servers.get(event.server);
  return {
    id: event.id, server: server === undefined ? null : serverSummary(server), reporter: event.reporter, record: event.record,
    description: event.description, added_at: event.added_at,
  };
}

export function registerEvents(router: Router, ctx: SandboxContext): void {
  const { world, generation } = ctx;
  const toJson = (event: EventRecord, detail: boolean) => (generation === '2024' ? event2024(event, detail) : eventJson(world, event));

  router.add('GET', '/api/events/events/', (req) => {
    const q = req.query;
    let events = world.events.all();
    const server = q.get('server');
    if (server !== null) events = events.filter((e) => e.server === server);
    const reporter = q.get('reporter');
    if (reporter !== null) events = events.filter((e) => e.reporter === reporter);
    const record = q.get('record');
    if (record !== null) events = events.filter((e) => e.record === record);
    const search = q.get('search')?.toLowerCase();
    if (search) {
      events = events.filter((e) =>
        [e.description, e.record, e.reporter, world.servers.get(e.server)?.name ?? ''].some((text) => text.toLowerCase().includes(search)));
    }
    events = applyOrdering(events, q.get('ordering'), ['added_at', 'reporter', 'record'], '-added_at');
    const page = paginate(req, events);
    return { status: 200, body: { ...page, results: page.results.map((e) => toJson(e, false)) } };
  });

  router.add('GET', '/api/events/events/:id/', (req) => {
    const event = isUuid(req.params.id) ? world.events.get(req.params.id) : undefined;
    if (event === undefined) throw notFound();
    return { status: 200, body: toJson(event, true) };
  });
}

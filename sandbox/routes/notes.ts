import { principalOf, type SandboxContext } from '../context.js';
import { notFound, permissionDenied } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import type { Note } from '../world/models.js';
import { serverSummary, userSummary } from '../world/summaries.js';
import type { World } from '../world/world.js';
import { applyOrdering, BodyReader, isUuid, queryBool } from './body-reader.js';

function noteJson(world: World, note: Note): Record<string, unknown> {
  const server = world.servers.get(note.server);
  const author = world.users.get(note.author);
  return {
    id: note.id, server: server === undefined ? null : serverSummary(server), author: author === undefined ? null : userSummary(author),
    content: note.content, private: note.private, pinned: note.pinned, added_at: note.added_at,
  };
}

export function registerNotes(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const visible = (note: Note, userId: string) => !note.private || note.author === userId;
  const findNote = (id: string, userId: string): Note => {
    const note = isUuid(id) ? world.notes.get(id) : undefined;
    if (note === undefined || !visible(note, userId)) throw notFound();
    return note;
  };

  router.add('GET', '/api/servers/notes/', (req) => {
    const userId = principalOf(req).userId;
    let notes = world.notes.all().filter((n) => visible(n, userId));
    const server = req.query.get('server');
    if (server !== null) notes = notes.filter((n) => n.server === server);
    const pinned = queryBool(req.query, 'pinned');
    if (pinned !== undefined) notes = notes.filter((n) => n.pinned === pinned);
    notes = applyOrdering(notes, req.query.get('ordering'), ['added_at', 'pinned'], '-added_at');
    const page = paginate(req, notes);
    return { status: 200, body: { ...page, results: page.results.map((n) => noteJson(world, n)) } };
  });

  router.add('POST', '/api/servers/notes/', (req) => {
    const principal = principalOf(req);
    const reader = new BodyReader(req.body);
    const server = reader.reference('server', (id) => world.servers.get(id) !== undefined, true);
    const content = reader.string('content', { required: true, max: 512 });
    const isPrivate = reader.boolean('private') ?? false;
    const pinned = reader.boolean('pinned') ?? false;
    reader.done();
    const note = world.notes.add({
      id: world.newId(), server: server ?? '', author: principal.userId, content: content ?? '', private: isPrivate, pinned,
      added_at: new Date().toISOString(),
    });
    return { status: 201, body: noteJson(world, note) };
  });

  router.add('GET', '/api/servers/notes/:id/', (req) => ({ status: 200, body: noteJson(world, findNote(req.params.id, principalOf(req).userId)) }));

  router.add('PATCH', '/api/servers/notes/:id/', (req) => {
    const principal = principalOf(req);
    const note = findNote(req.params.id, principal.userId);
    if (note.author !== principal.userId && !principal.isStaff) throw permissionDenied();
    const reader = new BodyReader(req.body, true);
    const content = reader.string('content', { max: 512 });
    const isPrivate = reader.boolean('private');
    const pinned = reader.boolean('pinned');
    reader.done();
    if (content !== undefined) note.content = content;
    if (isPrivate !== undefined) note.private = isPrivate;
    if (pinned !== undefined) note.pinned = pinned;
    return { status: 200, body: noteJson(world, note) };
  });

  router.add('DELETE', '/api/servers/notes/:id/', (req) => {
    const principal = principalOf(req);
    const note = findNote(req.params.id, principal.userId);
    if (note.author !== principal.userId && !principal.isStaff) throw permissionDenied();
    world.notes.delete(note.id);
    return { status: 204 };
  });
}

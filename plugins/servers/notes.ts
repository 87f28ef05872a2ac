import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type ToolContext } from '../../core/index.js';
import { CreateServerNoteInput, ListServerNotesInput } from './dto.js';

interface Note {
  id: string;
  content: string;
  private: boolean;
  pinned: boolean;
  [key: string]: unknown;
}

@injectable()
export class ServerNoteTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_server_notes',
    title: 'List server notes',
    description: 'Notes people left on a server (newest first): purpose, owners, caveats. Read before changing a server.',
    input: ListServerNotesInput,
    annotations: Effects.read,
    searchHint: 'server notes memo documentation',
  })
  async listServerNotes({ server_id, page = 1, page_size = 20, ...target }: ListServerNotesInput, ctx: ToolContext) {
    const result = await this.alpacon.page<Note>(target, '/api/servers/notes/', page, page_size, {
      query: { server: server_id, ordering: '-added_at' },
      signal: ctx.signal,
    });
    // The list filter ignores unknown servers; an empty page on page 1 is checked so a wrong id says not_found.
    if (result.count === 0 && page === 1) {
      await this.alpacon.get(target, `/api/servers/servers/${server_id}/`, { resource: { what: 'Server', id: server_id }, signal: ctx.signal });
    }
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(result, `${result.results.length} of ${result.count} note(s).${more}`);
  }

  @Tool({
    name: 'create_server_note',
    title: 'Create server note',
    description: 'Adds a note to a server, e.g. to record what was changed and why.',
    input: CreateServerNoteInput,
    annotations: Effects.create,
    searchHint: 'add server note memo',
  })
  async createServerNote({ server_id, content, private: isPrivate = false, pinned = false, ...target }: CreateServerNoteInput, ctx: ToolContext) {
    const note = await this.alpacon.post<Note>(target, '/api/servers/notes/', { server: server_id, content, private: isPrivate, pinned }, {
      signal: ctx.signal,
    });
    return reply(note, `Note ${note.id} added.`);
  }
}

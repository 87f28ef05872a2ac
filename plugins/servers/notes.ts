import {
  ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, reply, Tool, type ArgumentAliases, type ToolContext, summarizePage,
} from '../../core/index.js';
import { CreateServerNoteInput, DeleteServerNoteInput, GetServerNoteInput, ListServerNotesInput, UpdateServerNoteInput } from './dto.js';

interface Note {
  id: string;
  content: string;
  private: boolean;
  pinned: boolean;
  [key: string]: unknown;
}

/**
 * Alpacon notes have no title (alpacon-cli api/note/types.go, the 2024 server's Note model): the Python server sent one that the
 * API ignored. Here it is kept as the first line of the content.
 */
const PYTHON_TITLE: ArgumentAliases = {
  title: {
    to: 'content',
    merges: true,
    convert: (title, content) => {
      if (typeof title !== 'string') throw new InvalidInputError([{ field: 'title', problems: ['must be a string'] }]);
      if (content === undefined) {
        throw new InvalidInputError([{ field: 'title', problems: ['Alpacon notes have no title; give content too (the title becomes its first line)'] }]);
      }
      return typeof content === 'string' ? `# ${title}\n\n${content}` : content;
    },
    note: 'Alpacon notes have no title field (the API ignored it); it becomes the first line of content, "# <title>"',
  },
};

/** What list_server_notes shows of each note by default. */
const NOTE_SUMMARY = ['id', 'content', 'author.name', 'pinned', 'added_at'];

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
  async listServerNotes({ server_id, fields, page = 1, page_size = 20, ...target }: ListServerNotesInput, ctx: ToolContext) {
    const result = await this.alpacon.page<Note>(target, '/api/servers/notes/', page, page_size, {
      query: { server: server_id, ordering: '-added_at' },
      signal: ctx.signal,
    });
    // The list filter ignores unknown servers; an empty page on page 1 is checked so a wrong id says not_found.
    if (result.count === 0 && page === 1) {
      await this.alpacon.get(target, `/api/servers/servers/${server_id}/`, { resource: { what: 'Server', id: server_id }, signal: ctx.signal });
    }
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(summarizePage(result, NOTE_SUMMARY, fields), `${result.results.length} of ${result.count} note(s).${more}`);
  }

  @Tool({
    name: 'create_server_note',
    aliases: PYTHON_TITLE,
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

  @Tool({
    name: 'get_server_note',
    title: 'Get server note',
    description: 'One server note.',
    input: GetServerNoteInput,
    annotations: Effects.read,
    searchHint: 'server note detail',
  })
  async getServerNote({ note_id, ...target }: GetServerNoteInput, ctx: ToolContext) {
    return this.alpacon.get<Note>(target, `/api/servers/notes/${note_id}/`, { resource: { what: 'Note', id: note_id }, signal: ctx.signal });
  }

  @Tool({
    name: 'update_server_note',
    aliases: PYTHON_TITLE,
    title: 'Update server note',
    description: 'Changes only the given fields of a server note.',
    input: UpdateServerNoteInput,
    annotations: Effects.update,
    searchHint: 'server note edit pin',
  })
  async updateServerNote({ note_id, content, private: isPrivate, pinned, ...target }: UpdateServerNoteInput, ctx: ToolContext) {
    const changes = Object.fromEntries(Object.entries({ content, private: isPrivate, pinned }).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) {
      throw new InvalidInputError([{ field: '(arguments)', problems: ['give at least one of content, private, pinned'] }]);
    }
    const note = await this.alpacon.patch<Note>(target, `/api/servers/notes/${note_id}/`, changes, {
      resource: { what: 'Note', id: note_id },
      signal: ctx.signal,
    });
    return reply(note, `Note ${note_id} updated: ${Object.keys(changes).join(', ')}.`);
  }

  @Tool({
    name: 'delete_server_note',
    title: 'Delete server note',
    description: 'Deletes a server note for good.',
    input: DeleteServerNoteInput,
    annotations: Effects.destructive,
    searchHint: 'server note remove',
  })
  async deleteServerNote({ note_id, ...target }: DeleteServerNoteInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `/api/servers/notes/${note_id}/`, { resource: { what: 'Note', id: note_id }, signal: ctx.signal });
    return reply({ deleted: true, note_id }, `Note ${note_id} deleted.`);
  }
}

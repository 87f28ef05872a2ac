import { ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, reply, Tool, type ToolContext } from '../../core/index.js';
import { StarServerInput, UnregisterServerInput, UpdateServerInput } from './dto.js';

interface Server {
  id: string;
  name: string;
  starred?: boolean;
  [key: string]: unknown;
}

/** Changes to a server's record in Alpacon (not to the host itself). */
@injectable()
export class ServerManageTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'update_server',
    title: 'Update server',
    description: "Renames a server or sets which groups may reach it (server_id from list_servers). Changes Alpacon's record only.",
    input: UpdateServerInput,
    annotations: Effects.update,
    searchHint: 'server rename edit groups',
  })
  async updateServer({ server_id, name, groups, ...target }: UpdateServerInput, ctx: ToolContext) {
    const changes = Object.fromEntries(Object.entries({ name, groups }).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) throw new InvalidInputError([{ field: '(arguments)', problems: ['give name and/or groups'] }]);
    const server = await this.alpacon.patch<Server>(target, `/api/servers/servers/${server_id}/`, changes, {
      resource: { what: 'Server', id: server_id },
      signal: ctx.signal,
    });
    return reply(server, `Server ${server.name} updated: ${Object.keys(changes).join(', ')}.`);
  }

  @Tool({
    name: 'star_server',
    aliases: { status: 'starred' },
    title: 'Star server',
    description: 'Stars (pins) or unstars a server for you; a personal flag, no access change.',
    input: StarServerInput,
    annotations: Effects.update,
    searchHint: 'server star pin favorite',
  })
  async starServer({ server_id, starred, ...target }: StarServerInput, ctx: ToolContext) {
    const path = `/api/servers/servers/${server_id}/`;
    const options = { resource: { what: 'Server', id: server_id }, signal: ctx.signal };
    // The star endpoint may toggle rather than set, so it is only called when the state must change.
    const before = await this.alpacon.get<Server>(target, path, options);
    if (before.starred === starred) return reply({ server_id, starred, changed: false }, `${before.name} already ${starred ? 'starred' : 'unstarred'}.`);
    await this.alpacon.post(target, `${path}star/`, { status: starred }, options);
    return reply({ server_id, starred, changed: true }, `${before.name} ${starred ? 'starred' : 'unstarred'}.`);
  }

  @Tool({
    name: 'unregister_server',
    title: 'Unregister server',
    description:
      'Removes a server from the workspace (server_id from list_servers). Its agent keeps running; re-adding needs a registration token.',
    input: UnregisterServerInput,
    annotations: Effects.destructive,
    searchHint: 'server unregister delete remove deregister',
  })
  async unregisterServer({ server_id, ...target }: UnregisterServerInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `/api/servers/servers/${server_id}/`, { resource: { what: 'Server', id: server_id }, signal: ctx.signal });
    return reply({ unregistered: true, server_id }, `Server ${server_id} unregistered.`);
  }
}

import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { SERVERS_ARGUMENTS } from './dto.js';
import { ServerNoteTools } from './notes.js';
import { ServerTools } from './tools.js';

export default definePlugin({
  name: 'servers',
  description: 'Servers of a workspace and their notes',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [ServerTools, ServerNoteTools],
  instructions: 'list_servers / get_server: find servers and their ids; get_server_overview: health in one call; server notes.',
  sharedArguments: SERVERS_ARGUMENTS,
});

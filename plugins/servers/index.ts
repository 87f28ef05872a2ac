import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { ServerActionTools } from './actions.js';
import { ServerManageTools } from './manage.js';
import { ServerNoteTools } from './notes.js';
import { RegistrationTools } from './registration.js';
import { ServerTools } from './tools.js';

export default definePlugin({
  name: 'servers',
  description: 'Servers of a workspace, their notes, actions and registration',
  host: `^${CORE_VERSION}`,
  tools: [ServerTools, ServerNoteTools, ServerManageTools, ServerActionTools, RegistrationTools],
  instructions:
    'list_servers / get_server: find servers and their ids; get_server_overview: health in one call; server notes; ' +
    'reboot/shutdown/upgrade actions (force only if interrupting users is acceptable); registration tokens for new servers.',
});

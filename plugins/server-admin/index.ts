import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { ServerActionTools } from './actions.js';
import { ServerManageTools } from './manage.js';
import { RegistrationTools } from './registration.js';

export default definePlugin({
  name: 'server-admin',
  description: 'Server administration: rename, groups, star, unregister, agent and system actions, registration tokens',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [ServerManageTools, ServerActionTools, RegistrationTools],
  instructions:
    'server-admin: update/star/unregister servers; reboot/shutdown/upgrade actions (force only if interrupting users is acceptable); registration tokens and install guide for new servers.',
});

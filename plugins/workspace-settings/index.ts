import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { WorkspaceSettingsTools } from './settings.js';

export default definePlugin({
  name: 'workspace-settings',
  description: 'Workspace preferences, access control and security settings',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [WorkspaceSettingsTools],
  instructions: 'workspace-settings: read and change workspace preferences, access control and security settings.',
});

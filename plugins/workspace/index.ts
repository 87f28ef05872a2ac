import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { WorkspaceSettingsTools } from './settings.js';
import { WorkspaceTools } from './tools.js';

export default definePlugin({
  name: 'workspace',
  description: 'Configured workspaces, the current user and workspace settings',
  host: `^${CORE_VERSION}`,
  tools: [WorkspaceTools, WorkspaceSettingsTools],
  instructions: 'list_workspaces (configured workspaces), get_current_user (privilege check); workspace preferences, access control, security.',
});

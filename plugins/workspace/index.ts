import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { HealthTools } from './health.js';
import { WorkspaceTools } from './tools.js';

export default definePlugin({
  name: 'workspace',
  description: 'Configured workspaces and the current user',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [WorkspaceTools, HealthTools],
  instructions: 'list_workspaces (configured workspaces), get_current_user (privilege check), health_check (is each workspace reachable, is its token accepted).',
});

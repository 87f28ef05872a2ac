import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { RunbookPrompts } from './prompts.js';
import { WorkspaceResources } from './resources.js';

export default definePlugin({
  name: 'runbooks',
  description: 'Resource templates (server summary, workspace inventory) and runbook prompts',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [WorkspaceResources, RunbookPrompts],
  instructions: 'resources alpacon://{region}/{workspace}/servers/{server_id} and .../inventory; prompts diagnose_slow_server, audit_server_access, safe_fleet_rollout.',
});

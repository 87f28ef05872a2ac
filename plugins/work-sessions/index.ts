import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { WorkSessionTools } from './tools.js';

export default definePlugin({
  name: 'work-sessions',
  description: 'Approval-gated work sessions that scope commands, Websh and WebFTP',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [WorkSessionTools],
  instructions: 'work-sessions: create a session before scoped work, wait for approval (work_session_get), close it when done.',
});

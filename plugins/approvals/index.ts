import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { ApprovalTools } from './tools.js';

export default definePlugin({
  name: 'approvals',
  description: 'Approval requests and sudo policies',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [ApprovalTools],
  instructions: 'approvals: read approval requests (humans approve in Alpacon); list and create sudo policies.',
});

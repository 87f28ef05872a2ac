import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { AuditTools } from './tools.js';

export default definePlugin({
  name: 'audit',
  description: 'Activity (audit) logs, alpamon server logs and WebFTP transfer logs',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [AuditTools],
  instructions: 'audit: history lists are newest first and cursor-paged; pass next_cursor back as cursor for older entries.',
});

import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { SecurityAclTools } from './tools.js';

export default definePlugin({
  name: 'security',
  description: 'Command, server and file ACLs of API tokens',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [SecurityAclTools],
  instructions: 'security: token ACLs. A token with no entries of a kind is unrestricted for it; the first entry turns it into an allow-list.',
});

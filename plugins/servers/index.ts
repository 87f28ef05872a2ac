import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { ServerTools } from './tools.js';

export default definePlugin({
  name: 'servers',
  description: 'Servers of a workspace',
  host: `^${CORE_VERSION}`,
  tools: [ServerTools],
  instructions: 'list_servers / get_server: find servers and their ids.',
});

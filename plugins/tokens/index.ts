import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { ApiTokenTools } from './tools.js';

export default definePlugin({
  name: 'tokens',
  description: 'API tokens of the calling user: list, scopes, create, update, delete, duplicate',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [ApiTokenTools],
  instructions: 'tokens: a created or duplicated key is returned once as key_shown_once; never repeat it in chat unless asked.',
});

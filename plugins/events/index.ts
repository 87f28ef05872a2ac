import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { EventTools } from './tools.js';

export default definePlugin({
  name: 'events',
  description: 'Events reported by servers and Alpacon',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [EventTools],
  instructions: 'list_events / search_events / get_event: what happened on servers (agent, system, security events).',
});

import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { AlertTools } from './tools.js';

export default definePlugin({
  name: 'alerts',
  description: 'Fired metric alerts and alert rules',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [AlertTools],
  instructions: 'alerts: list/get/mute fired alerts; create/update/delete alert rules (read rules with get_alert_rules).',
});

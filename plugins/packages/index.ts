import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { PackageTools } from './tools.js';

export default definePlugin({
  name: 'packages',
  description: 'System and Python packages per server: list, install, remove (endpoint unconfirmed)',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [PackageTools],
  instructions: 'packages: install/remove run asynchronously on the server; re-list to see the result.',
});

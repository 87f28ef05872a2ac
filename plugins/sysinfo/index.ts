import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { AccountTools } from './account-tools.js';
import { HostTools } from './host-tools.js';

export default definePlugin({
  name: 'sysinfo',
  description: 'What a server runs on: hardware, OS, time, network interfaces, disks, OS users, groups and packages',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [HostTools, AccountTools],
  instructions: 'get_system_info / get_os_version / get_disk_info / get_network_interfaces / list_system_packages: facts reported by a server\'s agent.',
});

import { definePlugin } from 'alpacon-mcp';
import { DiskReportSettings } from './dto.js';
import { DiskReportTools } from './tools.js';

export default definePlugin({
  name: 'alpacon-plugin-disk-report', // a third-party plugin's name is its package name
  description: 'Disk report: the partitions of a server, largest first',
  host: '^0.1.0', // the alpacon-mcp versions this plugin works with
  tools: [DiskReportTools],
  settings: DiskReportSettings,
  instructions: 'disk_report: partitions of a server, largest first, sizes in GiB.',
});

import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { METRICS_ARGUMENTS } from './dto.js';
import { OverviewTools } from './overview-tools.js';
import { SeriesTools } from './series-tools.js';

export default definePlugin({
  name: 'metrics',
  description: 'Server metrics: CPU, memory, disk, network time series, top servers, alert rules, health summary',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [SeriesTools, OverviewTools],
  instructions:
    'get_server_metrics_summary: quick health verdict of a server. get_cpu_usage / get_memory_usage / get_disk_usage / get_disk_io / ' +
    'get_network_traffic: summarized time series. get_top_servers: busiest servers.',
  sharedArguments: METRICS_ARGUMENTS,
});

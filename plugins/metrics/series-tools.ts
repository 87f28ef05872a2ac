import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type Query, type ToolContext } from '../../core/index.js';
import { GetCpuUsageInput, GetDiskIoInput, GetDiskUsageInput, GetMemoryUsageInput, GetNetworkTrafficInput, type MetricRangeInput } from './dto.js';
import { discoverDiskDevice } from './discover.js';
import { fetchSeries } from './fetch-series.js';
import { SERIES_OUTPUT } from './output-schemas.js';
import { KINDS, SERIES_PATHS } from './metric-kinds.js';
import { describeSeries, seriesResult } from './series-result.js';
import { resolveRange } from './time-range.js';

const RANGE_HELP = 'Summary (count, min/avg/max/latest) over start_date..end_date';

@injectable()
export class SeriesTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'get_cpu_usage',
    title: 'CPU usage',
    description: `CPU usage (%) of a server. ${RANGE_HELP}.`,
    input: GetCpuUsageInput,
    annotations: Effects.read,
    output: SERIES_OUTPUT,
    searchHint: 'cpu usage load metrics history',
  })
  getCpuUsage(input: GetCpuUsageInput, ctx: ToolContext) {
    return this.series('cpu', input, {}, ctx);
  }

  @Tool({
    name: 'get_memory_usage',
    title: 'Memory usage',
    description: `Memory usage (%) of a server. ${RANGE_HELP}.`,
    input: GetMemoryUsageInput,
    annotations: Effects.read,
    output: SERIES_OUTPUT,
    searchHint: 'memory ram usage metrics history',
  })
  getMemoryUsage(input: GetMemoryUsageInput, ctx: ToolContext) {
    return this.series('memory', input, {}, ctx);
  }

  @Tool({
    name: 'get_disk_usage',
    title: 'Disk usage',
    description: `Disk space usage of a server. ${RANGE_HELP}, per device and mount point; without device or partition, of the first device Alpacon reports.`,
    input: GetDiskUsageInput,
    annotations: Effects.read,
    output: SERIES_OUTPUT,
    searchHint: 'disk space usage full partition metrics',
  })
  async getDiskUsage(input: GetDiskUsageInput, ctx: ToolContext) {
    const { device, partition, server_id, workspace, region } = input;
    resolveRange(input.start_date, input.end_date); // a bad range is refused before anything is sent
    // The endpoint refuses a query without device or partition (see discover.ts).
    const chosen = device || partition ? device : await discoverDiskDevice(this.alpacon, { target: { workspace, region }, serverId: server_id, signal: ctx.signal });
    return this.series('disk_usage', input, { device: chosen, partition }, ctx);
  }

  @Tool({
    name: 'get_disk_io',
    title: 'Disk I/O',
    description: `Disk read/write throughput of a server. ${RANGE_HELP}, per device.`,
    input: GetDiskIoInput,
    annotations: Effects.read,
    output: SERIES_OUTPUT,
    searchHint: 'disk io read write throughput metrics',
  })
  getDiskIo(input: GetDiskIoInput, ctx: ToolContext) {
    return this.series('disk_io', input, { device: input.device }, ctx);
  }

  @Tool({
    name: 'get_network_traffic',
    title: 'Network traffic',
    description: `Network in/out traffic of a server. ${RANGE_HELP}, per interface.`,
    input: GetNetworkTrafficInput,
    annotations: Effects.read,
    output: SERIES_OUTPUT,
    searchHint: 'network traffic bandwidth interface metrics',
  })
  getNetworkTraffic(input: GetNetworkTrafficInput, ctx: ToolContext) {
    return this.series('traffic', input, { interface: input.interface }, ctx);
  }

  private async series(kind: keyof typeof SERIES_PATHS, input: MetricRangeInput, filters: Query, ctx: ToolContext) {
    const { workspace, region, server_id, start_date, end_date, include_points = false } = input;
    const range = resolveRange(start_date, end_date);
    const fetched = await fetchSeries(this.alpacon, {
      target: { workspace, region }, path: SERIES_PATHS[kind], serverId: server_id, range, filters, signal: ctx.signal,
    });
    const result = seriesResult(KINDS[kind], server_id, range, fetched, include_points);
    return reply(result, describeSeries(result));
  }
}

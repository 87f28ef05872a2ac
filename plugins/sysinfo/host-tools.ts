import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type ToolContext } from '../../core/index.js';
import { GetDiskInfoInput, GetNetworkInterfacesInput, GetOsVersionInput, GetSystemInfoInput, GetSystemTimeInput } from './dto.js';
import { DISK_INFO_OUTPUT, listOutput } from './output-schemas.js';
import { getList, getRecord } from './read-proc.js';

/** Hardware, OS, clock, network and disk layout of one server. */
@injectable()
export class HostTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'get_system_info',
    title: 'System hardware info',
    description: 'Hardware of a server as its agent reports it: hostname, CPU model and cores, memory size, architecture.',
    input: GetSystemInfoInput,
    annotations: Effects.read,
    searchHint: 'system hardware cpu cores ram architecture',
  })
  async getSystemInfo({ server_id, workspace, region }: GetSystemInfoInput, ctx: ToolContext) {
    const info = await getRecord(this.alpacon, { workspace, region }, '/api/proc/info/', server_id, 'system info', ctx.signal);
    return reply(info, 'System info.');
  }

  @Tool({
    name: 'get_os_version',
    title: 'OS version',
    description: 'Operating system of a server: distribution name, version, platform and kernel.',
    input: GetOsVersionInput,
    annotations: Effects.read,
    searchHint: 'distro linux release uname',
  })
  async getOsVersion({ server_id, workspace, region }: GetOsVersionInput, ctx: ToolContext) {
    const os = await getRecord(this.alpacon, { workspace, region }, '/api/proc/os/', server_id, 'OS version', ctx.signal);
    return reply(os, [os.name, os.version].filter((v) => typeof v === 'string').join(' ') || 'OS version.');
  }

  @Tool({
    name: 'get_system_time',
    title: 'System time',
    description:
      'Clock of a server as its agent last reported it: timezone and boot time; current time and uptime where the server returns them (the 2024 server does not).',
    input: GetSystemTimeInput,
    annotations: Effects.read,
    searchHint: 'time timezone uptime clock ntp',
  })
  async getSystemTime({ server_id, workspace, region }: GetSystemTimeInput, ctx: ToolContext) {
    const time = await getRecord(this.alpacon, { workspace, region }, '/api/proc/time/', server_id, 'system time', ctx.signal);
    return reply(time, 'System time.');
  }

  @Tool({
    name: 'get_network_interfaces',
    title: 'Network interfaces',
    description: 'Network interfaces of a server: name, addresses, MAC, MTU, up/down, loopback.',
    input: GetNetworkInterfacesInput,
    annotations: Effects.read,
    output: listOutput('interfaces'),
    searchHint: 'network interfaces ip mac address mtu',
  })
  async getNetworkInterfaces({ server_id, workspace, region }: GetNetworkInterfacesInput, ctx: ToolContext) {
    const { items, ...list } = await getList(this.alpacon, { workspace, region }, {
      path: '/api/proc/interfaces/', serverId: server_id, limit: 200, narrowHint: 'the rest are not shown', signal: ctx.signal,
    });
    return reply({ ...list, interfaces: items }, `${items.length} interface(s).`);
  }

  @Tool({
    name: 'get_disk_info',
    title: 'Disks and partitions',
    description: 'Disk devices and partitions of a server: sizes, mount points, file systems. Space used over time: get_disk_usage.',
    input: GetDiskInfoInput,
    annotations: Effects.read,
    output: DISK_INFO_OUTPUT,
    searchHint: 'disk partition mount filesystem storage layout',
  })
  async getDiskInfo({ server_id, workspace, region }: GetDiskInfoInput, ctx: ToolContext) {
    const target = { workspace, region };
    const common = { serverId: server_id, limit: 200, narrowHint: 'the rest are not shown', signal: ctx.signal };
    const [disks, partitions] = await Promise.all([
      getList(this.alpacon, target, { ...common, path: '/api/proc/disks/' }),
      getList(this.alpacon, target, { ...common, path: '/api/proc/partitions/' }),
    ]);
    const notes = [disks.note && `disks: ${disks.note}`, partitions.note && `partitions: ${partitions.note}`].filter(Boolean);
    const data = { server_id, disks: disks.items, partitions: partitions.items, ...(notes.length > 0 ? { note: notes.join(' ') } : {}) };
    return reply(data, `${disks.items.length} disk(s), ${partitions.items.length} partition(s).`);
  }
}

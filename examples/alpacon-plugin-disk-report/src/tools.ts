import { ALPACON, Effects, inject, injectable, PLUGIN_SETTINGS, reply, Tool, type AlpaconClient, type ToolContext } from 'alpacon-mcp';
import { DiskReportInput, type DiskReportSettings } from './dto.js';

/** A partition as Alpacon's proc API lists it (the same endpoint alpacon-mcp's get_disk_info reads). */
interface Partition {
  name: string;
  device?: string;
  mount_points?: string[];
  fs_type?: string;
  size?: number;
}

const GIB = 1024 ** 3;

@injectable()
export class DiskReportTools {
  constructor(
    @inject(ALPACON) private readonly alpacon: AlpaconClient,
    @inject(PLUGIN_SETTINGS) private readonly settings: DiskReportSettings,
  ) {}

  @Tool({
    name: 'disk_report',
    title: 'Disk report',
    description: 'Partitions of a server, largest first, with mount points, file system and size in GiB. server_id comes from list_servers.',
    input: DiskReportInput,
    annotations: Effects.read,
  })
  async diskReport({ server_id, limit, min_size_gb = 0, ...target }: DiskReportInput, ctx: ToolContext) {
    const page = await this.alpacon.page<Partition>(target, '/api/proc/partitions/', 1, 100, { query: { server: server_id }, signal: ctx.signal });
    const partitions = page.results
      .map((p) => ({ name: p.name, mount_points: p.mount_points ?? [], fs_type: p.fs_type ?? null, size_gb: round((p.size ?? 0) / GIB) }))
      .filter((p) => p.size_gb >= min_size_gb)
      .sort((a, b) => b.size_gb - a.size_gb)
      .slice(0, limit ?? this.settings.defaultLimit);
    const total = round(partitions.reduce((sum, p) => sum + p.size_gb, 0));
    return reply({ server_id, partitions, total_gb: total }, `${partitions.length} partition(s), ${total} GiB`);
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

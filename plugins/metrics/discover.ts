/**
 * What the metric endpoints need but a caller may not give. Today's service refuses
 * `/api/metrics/realtime/disk-usage/` without `device` or `partition`; alpacon-mcp (Python) `tools/metrics_tools.py`
 * finds a device with `…/disk-usage/device/?server=` (`{devices: [...]}`, first one), the summary uses the partition
 * mounted at `/` from `/api/proc/partitions/`, and traffic uses the first up, non-loopback interface of `/api/proc/interfaces/`.
 */
import { AlpaconMcpError, type AlpaconClient, type AlpaconTarget, ErrorCode } from '../../core/index.js';
import { readEnvelope } from './fetch-series.js';

interface Lookup {
  target: AlpaconTarget;
  serverId: string;
  signal: AbortSignal;
}

/** A device for disk usage: the first the metrics API knows, else the root partition; fails when there is none. */
export async function discoverDiskDevice(alpacon: AlpaconClient, lookup: Lookup): Promise<string> {
  const { target, serverId, signal } = lookup;
  const resource = { what: 'Server', id: serverId };
  const answer = await alpacon.get<unknown>(target, '/api/metrics/realtime/disk-usage/device/', { query: { server: serverId }, resource, signal });
  const devices = typeof answer === 'object' && answer !== null && 'devices' in answer && Array.isArray(answer.devices) ? answer.devices : [];
  const first = devices.find((device): device is string => typeof device === 'string' && device !== '');
  if (first !== undefined) return first;
  const root = await rootPartition(alpacon, lookup);
  if (root !== undefined) return root;
  throw new AlpaconMcpError(ErrorCode.NotFound, `Alpacon knows no disk device of server ${serverId}.`, {
    hint: 'Pass device (e.g. /dev/sda1) or partition (a mount point, e.g. /); get_disk_info lists them when the agent reports them.',
    details: { server: serverId },
  });
}

/** The name of the partition mounted at `/`, as the Python server's summary uses it. */
export async function rootPartition(alpacon: AlpaconClient, { target, serverId, signal }: Lookup): Promise<string | undefined> {
  const body = await alpacon.get<unknown>(target, '/api/proc/partitions/', { query: { server: serverId, page_size: 100 }, resource: { what: 'Server', id: serverId }, signal });
  const root = readEnvelope(body).points.find((partition) => Array.isArray(partition.mount_points) && partition.mount_points.includes('/'));
  return typeof root?.name === 'string' && root.name !== '' ? root.name : undefined;
}

/** The first interface that is up and not loopback; undefined when the agent reported none. */
export async function discoverInterface(alpacon: AlpaconClient, { target, serverId, signal }: Lookup): Promise<string | undefined> {
  const body = await alpacon.get<unknown>(target, '/api/proc/interfaces/', { query: { server: serverId, page_size: 100 }, resource: { what: 'Server', id: serverId }, signal });
  const found = readEnvelope(body).points.find((iface) => iface.is_loopback !== true && iface.is_up === true && typeof iface.name === 'string');
  return typeof found?.name === 'string' ? found.name : undefined;
}

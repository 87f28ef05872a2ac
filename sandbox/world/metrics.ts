import type { ServerRecord } from './models.js';

export const METRIC_STEP_MS = 5 * 60 * 1000;
const DAY_MS = 86_400_000;

/** Deterministic noise in [0, 1) for (seed, bucket, salt): the same inputs always give the same value. */
export function noise(seed: number, bucket: number, salt: number): number {
  let h = (seed ^ Math.imul(bucket | 0, 0x9e3779b1) ^ Math.imul(Math.floor(bucket / 4294967296), 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** A daily wave plus noise, clamped to [lo, hi]; `level` and `swing` come from the server seed. */
function wave(server: ServerRecord, t: number, salt: number, lo: number, hi: number): number {
  const level = 10 + noise(server.seed, 0, salt) * 50;
  const swing = 5 + noise(server.seed, 1, salt) * 20;
  const phase = noise(server.seed, 2, salt) * 2 * Math.PI;
  const bucket = Math.floor(t / METRIC_STEP_MS);
  const value = level + swing * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS + phase) + (noise(server.seed, bucket, salt) - 0.5) * 10;
  return Math.min(hi, Math.max(lo, value));
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Timestamps on the 5-minute grid in [start, end]. */
export function timeGrid(start: number, end: number): number[] {
  const first = Math.ceil(start / METRIC_STEP_MS) * METRIC_STEP_MS;
  const points: number[] = [];
  for (let t = first; t <= end; t += METRIC_STEP_MS) points.push(t);
  return points;
}

export function cpuAt(server: ServerRecord, t: number): number {
  return round(wave(server, t, 11, 0.5, 100));
}

export function memoryAt(server: ServerRecord, t: number): { usage: number; total: number; used: number; available: number } {
  const usage = round(wave(server, t, 23, 5, 98));
  const total = server.physical_memory;
  const used = Math.round((total * usage) / 100);
  return { usage, total, used, available: total - used };
}

export interface DiskDevice {
  device: string;
  mount_point: string;
  total: number;
  fs_type: string;
}

export function diskDevices(server: ServerRecord): DiskDevice[] {
  const devices: DiskDevice[] = [{ device: '/dev/sda1', mount_point: '/', total: (50 + Math.floor(noise(server.seed, 3, 31) * 8) * 25) * 1024 ** 3, fs_type: 'ext4' }];
  if (noise(server.seed, 4, 31) < 0.5) {
    devices.push({ device: '/dev/sdb1', mount_point: '/data', total: (200 + Math.floor(noise(server.seed, 5, 31) * 8) * 100) * 1024 ** 3, fs_type: 'xfs' });
  }
  return devices;
}

export function diskUsageAt(server: ServerRecord, disk: DiskDevice, index: number, t: number) {
  // Disks fill slowly: a seeded level plus a small daily drift.
  const usage = round(Math.min(99, 20 + noise(server.seed, 6 + index, 37) * 60 + ((t / DAY_MS) % 7) * 0.3));
  const used = Math.round((disk.total * usage) / 100);
  return { device: disk.device, mount_point: disk.mount_point, usage, total: disk.total, used, free: disk.total - used };
}

export function diskIoAt(server: ServerRecord, device: string, index: number, t: number) {
  const read = wave(server, t, 41 + index, 1, 100) * 1024 * 1024;
  const write = wave(server, t, 43 + index, 1, 100) * 512 * 1024;
  return {
    device, peak_read_bps: Math.round(read * 1.6), peak_write_bps: Math.round(write * 1.6),
    avg_read_bps: Math.round(read), avg_write_bps: Math.round(write),
  };
}

export function diskIoDevices(server: ServerRecord): string[] {
  return diskDevices(server).map((d) => d.device.replace('/dev/', '').replace(/\d+$/, ''));
}

export function interfaces(server: ServerRecord): string[] {
  return noise(server.seed, 7, 53) < 0.3 ? ['eth0', 'eth1'] : ['eth0'];
}

export function trafficAt(server: ServerRecord, iface: string, index: number, t: number) {
  const input = wave(server, t, 59 + index, 1, 100) * 125_000;
  const output = wave(server, t, 61 + index, 1, 100) * 100_000;
  return {
    interface: iface, peak_input_bps: Math.round(input * 1.8), peak_output_bps: Math.round(output * 1.8),
    avg_input_bps: Math.round(input), avg_output_bps: Math.round(output),
    peak_input_pps: Math.round((input * 1.8) / 800), peak_output_pps: Math.round((output * 1.8) / 800),
  };
}

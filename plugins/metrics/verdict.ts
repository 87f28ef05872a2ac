/** A short health verdict from summarized metrics. Pure; the thresholds are part of every result. */
import type { FieldStats } from './stats.js';

export type Level = 'ok' | 'warning' | 'critical';

export interface Threshold {
  /** Percent; compared with the average over the range. */
  avg: number;
  /** Percent; compared with the latest value. */
  latest: number;
}

export const THRESHOLDS = {
  cpu: { warning: { avg: 70, latest: 80 }, critical: { avg: 85, latest: 95 } },
  memory: { warning: { avg: 80, latest: 85 }, critical: { avg: 90, latest: 95 } },
  disk: { warning: { avg: 80, latest: 80 }, critical: { avg: 90, latest: 90 } },
} as const satisfies Record<string, { warning: Threshold; critical: Threshold }>;

export type VerdictMetric = keyof typeof THRESHOLDS;

export interface Finding {
  metric: VerdictMetric;
  level: Exclude<Level, 'ok'>;
  /** e.g. "memory pressure", "disk nearly full on /data". */
  issue: string;
  avg: number;
  latest: number;
}

export interface Verdict {
  status: Level | 'unknown';
  /** "healthy", or the issues joined, e.g. "memory pressure; disk nearly full on /data". */
  verdict: string;
  findings: Finding[];
}

const ISSUE: Record<VerdictMetric, string> = { cpu: 'high CPU load', memory: 'memory pressure', disk: 'disk nearly full' };

/** Warning when avg or latest reaches the warning threshold; critical likewise for critical. */
export function levelOf(stats: Pick<FieldStats, 'avg' | 'latest'>, metric: VerdictMetric): Level {
  const { warning, critical } = THRESHOLDS[metric];
  if (stats.avg >= critical.avg || stats.latest >= critical.latest) return 'critical';
  if (stats.avg >= warning.avg || stats.latest >= warning.latest) return 'warning';
  return 'ok';
}

export interface VerdictInput {
  cpu?: FieldStats;
  memory?: FieldStats;
  /** Usage per disk, labelled by mount point or device. */
  disks?: { label: string; stats: FieldStats }[];
}

export function judge(input: VerdictInput): Verdict {
  const findings: Finding[] = [];
  const check = (metric: VerdictMetric, stats: FieldStats | undefined, where?: string): void => {
    if (!stats) return;
    const level = levelOf(stats, metric);
    if (level === 'ok') return;
    const issue = where ? `${ISSUE[metric]} on ${where}` : ISSUE[metric];
    findings.push({ metric, level, issue, avg: stats.avg, latest: stats.latest });
  };
  check('cpu', input.cpu);
  check('memory', input.memory);
  for (const disk of input.disks ?? []) check('disk', disk.stats, disk.label);

  const hasData = input.cpu !== undefined || input.memory !== undefined || (input.disks?.length ?? 0) > 0;
  if (!hasData) return { status: 'unknown', verdict: 'no data in the range', findings };
  if (findings.length === 0) return { status: 'ok', verdict: 'healthy', findings };
  const status: Level = findings.some((f) => f.level === 'critical') ? 'critical' : 'warning';
  return { status, verdict: findings.map((f) => (f.level === 'critical' ? `${f.issue} (critical)` : f.issue)).join('; '), findings };
}

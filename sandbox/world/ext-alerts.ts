import { Prng } from './prng.js';
import { iso, WORLD_EPOCH } from './seed-world.js';
import type { World } from './world.js';

/** A fired alert (`/api/alerts/`). The field set is the sandbox's reading of the Python MCP server; the real shape is unverified. */
export interface FiredAlert {
  id: string;
  rule: string;
  rule_name: string;
  server: string;
  metric_type: string;
  status: 'firing' | 'resolved';
  value: number;
  threshold: number;
  acknowledged: boolean;
  dismissed: boolean;
  muted_until: string | null;
  added_at: string;
}

/** Deterministic alerts for the first servers: one per seeded rule, the last one already resolved. */
export function seedAlerts(world: World): FiredAlert[] {
  const prng = new Prng(world.seed ^ 0xa1e7);
  const rules = world.alertRules.all();
  const servers = world.servers.all().slice(0, 3);
  return servers.flatMap((server, i) => {
    const rule = rules[i % rules.length];
    if (rule === undefined) return [];
    return [{
      id: prng.uuid(), rule: rule.id, rule_name: rule.name, server: server.id, metric_type: rule.metric_type,
      status: i === 2 ? 'resolved' : 'firing', value: Math.min(100, rule.threshold + prng.int(1, 9)), threshold: rule.threshold,
      acknowledged: false, dismissed: false, muted_until: null, added_at: iso(WORLD_EPOCH - (i + 1) * 3_600_000),
    } satisfies FiredAlert];
  });
}

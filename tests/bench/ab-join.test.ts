import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { joinRounds, worseRatios, formatAb } from '../../bench/v1/ab.js';
import { figures } from '../../bench/v1/figures.js';
import { v1View } from '../../bench/v1/view.js';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';

type Json = Record<string, unknown>;

/** A real `npm run bench` result of the v1 baseline (76d7aa4), as bench/results/latest.json wrote it. */
const V1 = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'bench', 'v1-latest.json'), 'utf8')) as Json;

/** This bench's result keys holding the same numbers, as run.ts assembles them before v1View. */
function currentShape(v1: Json): Json {
  const memory = v1.memory as Json;
  const results: Json = {
    per_call_direct: v1.per_call,
    per_call: { alpacon_ms: { p50: 9, p99: 9 }, peer_ms: { p50: 9, p99: 9 }, ratio_p50: 1 },
    memory: { idle_rss_mib: memory.idle_rss_mib, calls: memory.calls, after_calls_rss_mib: memory.after_calls_rss_mib, growth_mib: memory.growth_mib, quarters_mib: memory.samples_mib, samples_mib: [] },
    cold_start: { peer: { ms: 1 }, v1: v1.cold_start },
    http_soak: v1.http_soak,
    tools_list: { default_set: { bytes: 1, tools: 1 }, v1: v1.tools_list },
    fan_out: v1.fan_out,
    websh_pool: { zero_latency: v1.websh_pool, real_workspace: { ratio: 99 } },
    webftp_stream: v1.webftp_stream,
  };
  return { ...results, v1: v1View(results) };
}

/** A copy of a result with one figure changed. */
function withValue(results: Json, keys: string[], value: number): Json {
  const copy = JSON.parse(JSON.stringify(results)) as Json;
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Json;
  node[keys[keys.length - 1]] = value;
  return copy;
}

describe('bench A/B: figures of either generation, joined round by round', () => {
  it('reads every v1 figure from the v1 result file', () => {
    const byId = new Map(figures(V1).map((f) => [f.id, f.value]));
    expect(byId.get('per_call.ratio_p50')).toBe(2.33);
    expect(byId.get('cold_start.ratio')).toBe(3.19);
    expect(byId.get('tools_list.all_plugins.bytes')).toBe(148185);
    expect(byId.get('fan_out.1000')).toBe(2711.2);
    expect(byId.get('memory.growth')).toBe(47.2);
    expect(byId.get('http_soak.rps')).toBe(420);
    expect(byId.get('websh.ratio')).toBe(4.3);
    expect(byId.get('webftp.peak_rss')).toBe(140);
    expect(byId.size).toBe(32);
  });

  it('reads the same figures, with the same ids, from this bench\'s result (its v1 view)', () => {
    const current = currentShape(V1);
    expect(figures(current)).toEqual(figures(V1));
    // the issue-18 parts (peer per-call, real-workspace Websh) do not leak into the v1 figures
    expect(figures(current).find((f) => f.id === 'websh.ratio')?.value).toBe(4.3);
  });

  it('gives before, after, after/before and a verdict beyond the spread across rounds', () => {
    const before = [V1, withValue(V1, ['per_call', 'ratio_p50'], 2.43)];
    const sameRatio = currentShape(withValue(V1, ['per_call', 'ratio_p50'], 2.4));
    const after = [
      withValue(withValue(sameRatio, ['v1', 'cold_start', 'ratio'], 1.5), ['v1', 'websh_pool', 'ratio'], 3.0),
      withValue(withValue(sameRatio, ['v1', 'cold_start', 'ratio'], 1.6), ['v1', 'websh_pool', 'ratio'], 3.1),
    ];
    const rows = joinRounds(before, after);
    const row = (id: string) => rows.find((r) => r.id === id);

    expect(row('per_call.ratio_p50')).toMatchObject({ before: { median: 2.33, min: 2.33, max: 2.43, values: [2.33, 2.43] }, after: { median: 2.4 }, verdict: 'within noise' });
    // lower is better, 1.5..1.6 against 3.19 twice: better, ratio after/before
    expect(row('cold_start.ratio')).toMatchObject({ verdict: 'better', ratio: Number((1.5 / 3.19).toFixed(3)) });
    // higher is better: the pool's advantage fell from 4.3 to 3.0..3.1
    expect(row('websh.ratio')).toMatchObject({ verdict: 'worse', kind: 'ratio' });
    // deterministic figures have no spread: any change is beyond noise; comparators are shown, not judged
    expect(row('tools_list.all_plugins.bytes')).toMatchObject({ verdict: 'within noise', ratio: 1 });
    expect(row('per_call.direct_p50')?.verdict).toBe('-');
    expect(worseRatios(rows).map((r) => r.id)).toEqual(['websh.ratio']);
    expect(formatAb(rows)).toMatch(/Websh one-shot \/ pooled .*WORSE \(ratio\)/);
  });

  it('says which figures one side lacks (a skipped part) instead of judging them', () => {
    const skipped = JSON.parse(JSON.stringify(V1)) as Json;
    skipped.webftp_stream = { skipped: 'BENCH_SKIP' };
    const rows = joinRounds([V1], [skipped]);
    expect(rows.find((r) => r.id === 'webftp.peak_rss')).toMatchObject({ verdict: 'missing', after: undefined });
  });
});

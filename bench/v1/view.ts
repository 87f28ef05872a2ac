/**
 * The figures of the v1 bench (76d7aa4), in v1's JSON shape, taken from this bench's results: so `npm run bench` prints
 * them beside the peer table and scripts/bench-ab.mjs reads the same keys from either generation's latest.json.
 */
import { get, type Json } from '../lib/json.js';

/** v1's top-level keys, each measured with v1's definition (see docs/proof.md, "Before and after"). */
export function v1View(results: Json): Json {
  const memory = results.memory;
  const view: Json = {
    per_call: results.per_call_direct,
    memory: memory === undefined ? undefined : {
      idle_rss_mib: get(memory, 'idle_rss_mib'),
      calls: get(memory, 'calls'),
      after_calls_rss_mib: get(memory, 'after_calls_rss_mib'),
      growth_mib: get(memory, 'growth_mib'),
      samples_mib: get(memory, 'quarters_mib'),
    },
    cold_start: get(results.cold_start, 'v1'),
    http_soak: results.http_soak,
    tools_list: get(results.tools_list, 'v1'),
    fan_out: results.fan_out,
    websh_pool: get(results.websh_pool, 'zero_latency'),
    webftp_stream: results.webftp_stream,
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined));
}

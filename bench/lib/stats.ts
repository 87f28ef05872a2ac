/** Small numeric helpers for the benchmarks. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Whether BENCH_QUICK asks for the short run (smaller counts, same measurements). */
export const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');

/** A count from the environment, else the quick or full default. */
export function count(envName: string, full: number, quick: number): number {
  const value = Number(process.env[envName]);
  return Number.isInteger(value) && value > 0 ? value : QUICK ? quick : full;
}

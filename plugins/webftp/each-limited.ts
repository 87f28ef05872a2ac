/**
 * Runs `task(0..count-1)` with at most `limit` running at once (the CLI's collectConcurrentFailures); once `signal` aborts no
 * further task starts. Tasks report their own failures: a task that throws rejects the whole run.
 */
export async function eachLimited(count: number, limit: number, signal: AbortSignal, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && !signal.aborted) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(limit, count)) }, worker));
}

import type { ToolContext } from '../../core/index.js';

/** Turns a transfer's frequent byte counts into at most a few progress notifications per second. */
export function progressReporter(ctx: ToolContext, intervalMs = 250): (done: number, total?: number) => void {
  let last = 0;
  let lastDone = -1;
  return (done, total) => {
    const now = Date.now();
    const finished = total !== undefined && done >= total;
    if (done === lastDone || (!finished && now - last < intervalMs)) return;
    last = now;
    lastDone = done;
    ctx.progress(done, total).catch((error: unknown) => ctx.log.debug('progress notification failed', { error: String(error) }));
  };
}

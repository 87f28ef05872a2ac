import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type MinorGc = (options: { type: 'minor' }) => void;

let collector: MinorGc | null | undefined;

/**
 * Runs V8's young-generation collection (a scavenge, well under a millisecond on this server's heap).
 *
 * Why: Node's HTTP parser copies every body chunk of a response into a new Buffer. A chunk that was written to disk is
 * garbage, but V8 frees its memory only at the next scavenge, which it forces once ~32 MB of such buffers are waiting
 * (2 × the 16 MB maximum semi-space, a constant; `--max-semi-space-size` does not move it). A long download therefore
 * holds ~32 MB of dead chunks, and the allocator keeps those pages after they are freed. Collecting every few MiB of a
 * download keeps that to a few MiB (measured: +35 MB → +8 MB over idle for a plain got stream, bench/webftp-stream.ts).
 *
 * `gc` is taken from a fresh context with `--expose-gc` switched on only for that moment (the flag is read when a context
 * is created); where that is refused, nothing is collected and the download behaves as plain Node.
 */
export function collectYoungGarbage(): void {
  if (collector === undefined) collector = minorGc();
  collector?.({ type: 'minor' });
}

function minorGc(): MinorGc | null {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as MinorGc;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as MinorGc) : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

/** Calls `collectYoungGarbage` each time another `everyBytes` have passed (`done` is the running byte count). */
export function youngGarbageCollector(everyBytes = 2 * 1024 * 1024): (done: number) => void {
  let next = everyBytes;
  return (done) => {
    if (done < next) return;
    next = done + everyBytes;
    collectYoungGarbage();
  };
}

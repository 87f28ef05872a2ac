import { Transform, type TransformCallback } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';

/** Passes bytes through at most `bytesPerSecond` (in slices of a tenth of a second), for the slow-S3 fault. */
export function throttle(bytesPerSecond: number): Transform {
  const slice = Math.max(1, Math.floor(bytesPerSecond / 10));
  const started = Date.now();
  let sent = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      void (async () => {
        for (let offset = 0; offset < chunk.length; offset += slice) {
          const part = chunk.subarray(offset, offset + slice);
          const due = started + ((sent + part.length) / bytesPerSecond) * 1000;
          const wait = due - Date.now();
          if (wait > 0) await delay(wait);
          sent += part.length;
          this.push(part);
        }
        callback();
      })().catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
}

export class LimitExceeded extends Error {
  constructor(readonly kind: 'size' | 'fault', readonly limit: number) {
    super(kind === 'size' ? `object larger than ${limit} bytes` : `transfer failed after ${limit} bytes`);
  }
}

/** Counts bytes; fails with `LimitExceeded` once more than `maxBytes` pass or exactly at `failAfterBytes` (fault). */
export function byteGate(options: { maxBytes?: number; failAfterBytes?: number }, onCount?: (total: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const fail = options.failAfterBytes;
      if (fail !== undefined && total + chunk.length > fail) {
        const allowed = chunk.subarray(0, Math.max(0, fail - total));
        total += allowed.length;
        if (allowed.length > 0) this.push(allowed);
        callback(new LimitExceeded('fault', fail));
        return;
      }
      total += chunk.length;
      onCount?.(total);
      if (options.maxBytes !== undefined && total > options.maxBytes) {
        callback(new LimitExceeded('size', options.maxBytes));
        return;
      }
      callback(null, chunk);
    },
  });
}

import { describe, expect, it } from '@jest/globals';
import { getEventListeners } from 'node:events';
import { whenAborted } from '../../core/time/abort-watch.js';
import { sleepOrCancel } from '../../core/time/sleep.js';
import { CancelledError } from '../../core/errors/index.js';

describe('one abort listener per signal', () => {
  it('a thousand waits on one signal add one listener, and all end with a CancelledError when it aborts', async () => {
    const controller = new AbortController();
    const waits = Array.from({ length: 1000 }, () => sleepOrCancel(60_000, controller.signal, 'Waiting').then(() => 'slept', (e: unknown) => e));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    const ended = await Promise.all(waits);
    expect(ended.every((e) => e instanceof CancelledError)).toBe(true);
  });

  it('a finished wait stops watching: aborting later calls nothing left over', async () => {
    const controller = new AbortController();
    let late = 0;
    await sleepOrCancel(1, controller.signal, 'Waiting');
    const stop = whenAborted(controller.signal, () => (late += 1));
    stop();
    whenAborted(controller.signal, () => (late += 10));
    controller.abort();
    expect(late).toBe(10);
  });

  it('each watcher runs once, even when the same function watches twice', () => {
    const controller = new AbortController();
    let calls = 0;
    const count = () => (calls += 1);
    whenAborted(controller.signal, count);
    whenAborted(controller.signal, count);
    controller.abort();
    controller.abort();
    expect(calls).toBe(2);
  });

  it('a signal aborted before the wait rejects at once', async () => {
    await expect(sleepOrCancel(60_000, AbortSignal.abort(), 'Waiting')).rejects.toBeInstanceOf(CancelledError);
  });
});

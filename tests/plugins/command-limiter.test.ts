import { describe, expect, it } from '@jest/globals';
import { Limiter } from '../../plugins/command/limiter.js';
import { CancelledError } from '../../core/index.js';

/** A task that runs until released, recording when it starts. */
function gate(log: string[], name: string): { task: () => Promise<string>; release: () => void } {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { task: async () => (log.push(name), await done, name), release };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('fan-out limiter', () => {
  it('runs at most max tasks at once, the rest in arrival order', async () => {
    const limiter = new Limiter(2);
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd'].map((name) => gate(started, name));
    const results = gates.map((g) => limiter.run(g.task));
    await settle();
    expect(started).toEqual(['a', 'b']);
    gates[1].release();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    gates[0].release();
    gates[2].release();
    gates[3].release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('cancels only the waiting tasks of the aborted signal; running ones and other callers go on', async () => {
    const limiter = new Limiter(1);
    const started: string[] = [];
    const mine = new AbortController();
    const other = new AbortController();
    const running = gate(started, 'running');
    const first = limiter.run(running.task, mine.signal);
    const waitingMine = [gate(started, 'm1'), gate(started, 'm2')].map((g) => limiter.run(g.task, mine.signal));
    const waitingOther = gate(started, 'o1');
    const otherResult = limiter.run(waitingOther.task, other.signal);
    await settle();
    mine.abort();
    for (const waiting of waitingMine) await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    running.release();
    expect(await first).toBe('running');
    await settle();
    expect(started).toEqual(['running', 'o1']);
    waitingOther.release();
    expect(await otherResult).toBe('o1');
    await expect(limiter.run(async () => 'late', mine.signal)).rejects.toBeInstanceOf(CancelledError);
  });

  it('serves tasks waiting in first before those waiting in run, within the same budget', async () => {
    const limiter = new Limiter(1);
    const started: string[] = [];
    const running = gate(started, 'running');
    const first = limiter.run(running.task);
    const submits = [gate(started, 'submit1'), gate(started, 'submit2')];
    const reads = [gate(started, 'read1'), gate(started, 'read2')];
    const submitted = submits.map((g) => limiter.run(g.task));
    const read = reads.map((g) => limiter.first.run(g.task));
    await settle();
    expect(started).toEqual(['running']);
    for (const g of [running, ...reads, ...submits]) {
      g.release();
      await settle();
    }
    expect(started).toEqual(['running', 'read1', 'read2', 'submit1', 'submit2']);
    expect(await Promise.all([first, ...read, ...submitted])).toEqual(['running', 'read1', 'read2', 'submit1', 'submit2']);
  });

  it('an aborted signal cancels its tasks waiting in either queue', async () => {
    const limiter = new Limiter(1);
    const started: string[] = [];
    const call = new AbortController();
    const running = gate(started, 'running');
    const first = limiter.run(running.task);
    const waiting = [limiter.run(gate(started, 'submit').task, call.signal), limiter.first.run(gate(started, 'read').task, call.signal)];
    await settle();
    call.abort();
    for (const task of waiting) await expect(task).rejects.toBeInstanceOf(CancelledError);
    running.release();
    expect(await first).toBe('running');
    expect(started).toEqual(['running']);
  });
});

/** Callbacks per signal, behind the one listener each signal gets. */
const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `onAbort` once when `signal` aborts; the returned function stops watching. However many watch a signal, it gets one
 * listener: an AbortSignal (an EventTarget) walks its whole listener list on every add and remove, so a fan-out whose
 * thousand waits and requests each listened to the call's one signal spent time quadratic in the number of servers.
 * Not for a signal that is already aborted (check `signal.aborted` first).
 */
export function whenAborted(signal: AbortSignal, onAbort: () => void): () => void {
  let callbacks = watchers.get(signal);
  if (callbacks === undefined) {
    const created = new Set<() => void>();
    callbacks = created;
    watchers.set(signal, created);
    signal.addEventListener('abort', () => {
      watchers.delete(signal);
      for (const callback of [...created]) callback();
      created.clear();
    }, { once: true });
  }
  const own = () => onAbort();
  const set = callbacks;
  set.add(own);
  return () => {
    set.delete(own);
  };
}

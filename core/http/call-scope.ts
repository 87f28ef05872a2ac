import { AsyncLocalStorage } from 'node:async_hooks';

interface CallScope {
  signal: AbortSignal;
  open: boolean;
}

const storage = new AsyncLocalStorage<CallScope>();

/**
 * Runs one tool call (or resource read) with its cancellation signal in scope, so every Alpacon request made while it runs —
 * by the tool, a helper or a plugin service — is cancelled with the call even where the code forgot to pass the signal.
 * Work that outlives the call (an idle timer, a dropped connection's cleanup) is no longer bound to it.
 */
export async function withinCall<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const scope: CallScope = { signal, open: true };
  try {
    return await storage.run(scope, work);
  } finally {
    scope.open = false;
  }
}

/**
 * How a plugin's tool calls and resource reads run: within the call scope, unless the plugin declares `passesCallSignal`
 * (every request it makes already carries the call's signal). The scope is AsyncLocalStorage, which on Node 20 hooks every
 * promise of the process while any scope is in use: a plugin that needs no forgiveness should not pay for it.
 */
export function callRunner(passesCallSignal: boolean | undefined): <T>(signal: AbortSignal, work: () => Promise<T>) => Promise<T> {
  return passesCallSignal === true ? (_signal, work) => work() : withinCall;
}

/**
 * The signal of a request that belongs to no tool call, said explicitly: a Websh connection kept for later calls, cleanup after
 * a dropped connection or at shutdown. It never aborts; the request still has its timeout.
 */
export const NO_CALL_SIGNAL: AbortSignal = new AbortController().signal;

/** The running call's signal joined with the one given, if any. */
export function callSignal(given?: AbortSignal): AbortSignal | undefined {
  const scope = storage.getStore();
  const current = scope?.open ? scope.signal : undefined;
  if (!current || current === given) return given ?? current;
  return given ? AbortSignal.any([given, current]) : current;
}

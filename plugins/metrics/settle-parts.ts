/** Runs named parts concurrently and keeps what succeeded; fails only when every part failed. */
import { isAlpaconMcpError } from '../../core/index.js';

export interface PartError {
  code: string;
  message: string;
}

export interface Settled<T> {
  values: Partial<Record<string, T>>;
  errors: Record<string, PartError>;
}

export async function settleParts<T>(parts: Record<string, () => Promise<T>>): Promise<Settled<T>> {
  const names = Object.keys(parts);
  const outcomes = await Promise.allSettled(names.map((name) => parts[name]()));
  const values: Partial<Record<string, T>> = {};
  const errors: Record<string, PartError> = {};
  let firstFailure: unknown;
  outcomes.forEach((outcome, index) => {
    const name = names[index];
    if (outcome.status === 'fulfilled') {
      values[name] = outcome.value;
      return;
    }
    firstFailure ??= outcome.reason;
    // Unexpected (non-Alpacon) failures are bugs: let the host report them as internal errors.
    if (!isAlpaconMcpError(outcome.reason)) throw outcome.reason;
    errors[name] = { code: outcome.reason.code, message: outcome.reason.message };
  });
  // Nothing usable: the shared cause (unknown server, bad token, outage) is the answer.
  if (names.length > 0 && Object.keys(errors).length === names.length) throw firstFailure;
  return { values, errors };
}

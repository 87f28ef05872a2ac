/** Resolves the start/end of a metrics query. Pure (the clock is passed in). */
import { InvalidInputError } from '../../core/index.js';

export const DEFAULT_RANGE_HOURS = 24;
const HOUR_MS = 3_600_000;

export interface TimeRange {
  /** ISO 8601, UTC. */
  start: string;
  end: string;
}

/**
 * Missing `end` means now; missing `start` means 24 h before the end. Throws InvalidInputError (so nothing is
 * sent) when start is not before end.
 */
export function resolveRange(startDate: string | undefined, endDate: string | undefined, now: number = Date.now()): TimeRange {
  const end = endDate === undefined ? now : Date.parse(endDate);
  if (!Number.isFinite(end)) throw unparsable('end_date');
  const start = startDate === undefined ? end - DEFAULT_RANGE_HOURS * HOUR_MS : Date.parse(startDate);
  if (!Number.isFinite(start)) throw unparsable('start_date');
  if (start >= end) {
    const field = startDate === undefined ? 'end_date' : 'start_date';
    throw new InvalidInputError([{ field, problems: ['start_date must be before end_date (end_date defaults to now)'] }]);
  }
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

function unparsable(field: string): InvalidInputError {
  return new InvalidInputError([{ field, problems: ['must be an ISO 8601 date-time such as 2024-05-01T00:00:00Z'] }]);
}

/** The last `hours` hours up to now. */
export function lastHours(hours: number, now: number = Date.now()): TimeRange {
  return { start: new Date(now - hours * HOUR_MS).toISOString(), end: new Date(now).toISOString() };
}

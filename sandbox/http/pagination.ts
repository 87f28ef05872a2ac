import { ApiError } from './errors.js';
import type { SandboxRequest } from './types.js';

export interface Page<T> {
  count: number;
  current: number;
  next: number | null;
  previous: number | null;
  last: number;
  results: T[];
}

export interface CursorPage<T> {
  next: string;
  results: T[];
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

function invalidPage(): ApiError {
  return new ApiError(404, { detail: 'Invalid page.' });
}

/** `page_size` from the query: default 20, capped at 100; junk or < 1 falls back to the default (DRF). */
export function pageSize(query: URLSearchParams): number {
  const raw = query.get('page_size');
  if (raw === null || !/^\d+$/.test(raw)) return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (size < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(size, MAX_PAGE_SIZE);
}

/**
 * DRF page-number pagination with page numbers (not URLs) in `next`/`previous`.
 * `page=last` is accepted like DRF; a page that is not a positive integer or is past the end → 404 "Invalid page.".
 * An empty list still has page 1.
 */
export function paginate<T>(req: Pick<SandboxRequest, 'query'>, items: readonly T[]): Page<T> {
  const size = pageSize(req.query);
  const last = Math.max(1, Math.ceil(items.length / size));
  const rawPage = req.query.get('page');
  let current = 1;
  if (rawPage !== null) {
    if (rawPage === 'last') current = last;
    else if (/^\d+$/.test(rawPage)) current = Number(rawPage);
    else throw invalidPage();
  }
  if (current < 1 || current > last) throw invalidPage();
  const start = (current - 1) * size;
  return {
    count: items.length,
    current,
    next: current < last ? current + 1 : null,
    previous: current > 1 ? current - 1 : null,
    last,
    results: items.slice(start, start + size),
  };
}

/** Cursor pagination as the Elasticsearch-backed history endpoints do it: `{next: base64 | "", results}`. */
export function cursorPaginate<T>(req: Pick<SandboxRequest, 'query'>, items: readonly T[]): CursorPage<T> {
  const size = pageSize(req.query);
  const cursor = req.query.get('cursor');
  let offset = 0;
  if (cursor !== null && cursor !== '') {
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    const match = /^o=(\d+)$/.exec(decoded);
    if (match === null) throw new ApiError(404, { detail: 'Invalid cursor' });
    offset = Number(match[1]);
  }
  const results = items.slice(offset, offset + size);
  const nextOffset = offset + size;
  const next = nextOffset < items.length ? Buffer.from(`o=${nextOffset}`, 'utf8').toString('base64') : '';
  return { next, results };
}

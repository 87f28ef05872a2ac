/** A normalized page of a DRF page-number list (`next`/`previous` are page numbers, or null/0 at the ends). */
export interface Page<T> {
  count: number;
  page: number;
  page_size: number;
  next_page: number | null;
  results: T[];
}

export const MAX_PAGE_SIZE = 100;

export function normalizePage<T>(body: unknown, page: number, pageSize: number): Page<T> {
  if (Array.isArray(body)) return { count: body.length, page: 1, page_size: body.length, next_page: null, results: body as T[] };
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const results = Array.isArray(record.results) ? (record.results as T[]) : [];
  const next = record.next;
  const nextPage = typeof next === 'number' && next > 0 ? next : typeof next === 'string' && next ? pageFromUrl(next) : null;
  return {
    count: typeof record.count === 'number' ? record.count : results.length,
    page: typeof record.current === 'number' ? record.current : page,
    page_size: pageSize,
    next_page: nextPage,
    results,
  };
}

/** Some deployments send `next` as a URL; read its page number. */
function pageFromUrl(url: string): number | null {
  const match = /[?&]page=(\d+)/.exec(url);
  return match ? Number(match[1]) : null;
}

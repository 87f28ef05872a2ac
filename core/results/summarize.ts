/**
 * List results an agent can afford: each item keeps the fields needed to choose one (a per-tool list), the rest stays behind
 * the tool's get_* or the list's `fields` argument. The page says which fields it left out, so the agent knows what to ask for.
 */

/** `fields: ["*"]` asks for every field of every item. */
export const ALL_FIELDS = '*';

export interface Summarized<T> {
  results: T[];
  /** Fields the items have but this answer left out (ask for them with `fields`). */
  omitted_fields?: string[];
}

/** Keeps `summary` plus the requested `fields` of each item (every field with `["*"]`), in the item's own order. */
export function summarizeItems<T extends object>(
  items: readonly T[],
  summary: readonly string[],
  fields: readonly string[] = [],
): Summarized<Partial<T>> {
  if (fields.includes(ALL_FIELDS)) return { results: [...items] };
  const keep = new Set([...summary, ...fields]);
  const omitted = new Set<string>();
  const results = items.map((item) => {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      if (keep.has(key)) kept[key] = value;
      else omitted.add(key);
    }
    return kept as Partial<T>;
  });
  return omitted.size > 0 ? { results, omitted_fields: [...omitted] } : { results };
}

/** The same for a page of results (`{ count, results, ... }`): the page's other keys stay as they are. */
export function summarizePage<P extends { results: readonly object[] }>(
  page: P,
  summary: readonly string[],
  fields?: readonly string[],
): Omit<P, 'results'> & Summarized<Partial<P['results'][number]>> {
  return { ...page, ...summarizeItems(page.results, summary, fields) };
}

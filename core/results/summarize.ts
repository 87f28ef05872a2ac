/**
 * List results an agent can afford: each item keeps the fields needed to choose one (a per-tool list), the rest stays behind
 * the tool's get_* or the list's `fields` argument. The page says which fields it left out, so the agent knows what to ask for.
 */

/** `fields: ["*"]` asks for every field of every item. */
export const ALL_FIELDS = '*';

/** A list tool's summary fields and the caller's `fields` argument, for helpers shared by several list tools. */
export interface ItemShape {
  summary: readonly string[];
  fields?: readonly string[];
}

export interface Summarized<T> {
  results: T[];
  /** Fields the items have but this answer left out (ask for them with `fields`). */
  omitted_fields?: string[];
}

/**
 * Keeps `summary` plus the requested `fields` of each item (every field with `["*"]`), in the item's own order. A dotted
 * name keeps part of a nested object: `server.name` keeps `{ server: { name } }`, while `server` keeps all of it.
 */
export function summarizeItems<T extends object>(
  items: readonly T[],
  summary: readonly string[],
  fields: readonly string[] = [],
): Summarized<Partial<T>> {
  if (fields.includes(ALL_FIELDS)) return { results: [...items] };
  const wanted = [...summary, ...fields];
  const whole = new Set(wanted.filter((name) => !name.includes('.')));
  const parts = new Map<string, string[]>();
  for (const name of wanted.filter((n) => n.includes('.'))) {
    const [head, ...rest] = name.split('.');
    if (!whole.has(head)) parts.set(head, [...(parts.get(head) ?? []), rest.join('.')]);
  }
  const omitted = new Set<string>();
  const results = items.map((item) => {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      const nested = parts.get(key);
      if (whole.has(key)) kept[key] = value;
      else if (nested && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        kept[key] = summarizeItems([value as object], nested).results[0];
      } else if (nested) kept[key] = value;
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

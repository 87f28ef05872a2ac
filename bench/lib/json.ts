/** Reading the benches' result objects, whose parts may be missing (a skipped or failed part). */
export type Json = Record<string, unknown>;

export const get = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), value);

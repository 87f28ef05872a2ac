import { median, round } from '../lib/stats.js';
import { figures, type Figure } from './figures.js';
import type { Json } from '../lib/json.js';

export interface Side {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export type Verdict = 'worse' | 'better' | 'within noise' | 'missing' | '-';

export interface AbRow extends Omit<Figure, 'value'> {
  before?: Side;
  after?: Side;
  /** after median / before median. */
  ratio?: number;
  /** Worse or better only when the medians differ by more than the wider spread (max - min) of the two sides' rounds. */
  verdict: Verdict;
}

function side(values: number[]): Side | undefined {
  if (values.length === 0) return undefined;
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), values };
}

function judge(figure: Pick<Figure, 'better'>, before: Side | undefined, after: Side | undefined): Verdict {
  if (before === undefined || after === undefined) return 'missing';
  if (figure.better === 'none') return '-';
  const noise = Math.max(before.max - before.min, after.max - after.min);
  const gain = figure.better === 'lower' ? before.median - after.median : after.median - before.median;
  if (gain < -noise) return 'worse';
  if (gain > noise) return 'better';
  return 'within noise';
}

/** Joins the rounds of the two benches figure by figure, in the order the figures first appear. */
export function joinRounds(before: readonly Json[], after: readonly Json[]): AbRow[] {
  const order = new Map<string, Omit<Figure, 'value'>>();
  const values = { before: new Map<string, number[]>(), after: new Map<string, number[]>() };
  const collect = (rounds: readonly Json[], into: Map<string, number[]>): void => {
    for (const results of rounds) {
      for (const { value, ...figure } of figures(results)) {
        if (!order.has(figure.id)) order.set(figure.id, figure);
        into.set(figure.id, [...(into.get(figure.id) ?? []), value]);
      }
    }
  };
  collect(before, values.before);
  collect(after, values.after);
  return [...order.values()].map((figure) => {
    const b = side(values.before.get(figure.id) ?? []);
    const a = side(values.after.get(figure.id) ?? []);
    const ratio = a !== undefined && b !== undefined && b.median !== 0 ? round(a.median / b.median, 3) : undefined;
    return { ...figure, before: b, after: a, ratio, verdict: judge(figure, b, a) };
  });
}

/** The issue-17 question: which ratios against a same-run comparator got worse beyond noise. */
export function worseRatios(rows: readonly AbRow[]): AbRow[] {
  return rows.filter((row) => row.kind === 'ratio' && row.verdict === 'worse');
}

export function formatAb(rows: readonly AbRow[]): string {
  const cell = (s: Side | undefined): string => (s === undefined ? '-' : s.values.length > 1 ? `${s.median} (${s.min}..${s.max})` : String(s.median));
  const table = [
    ['figure', 'unit', 'before', 'after', 'after/before', 'better', 'verdict'],
    ...rows.map((r) => [r.label, r.unit, cell(r.before), cell(r.after), r.ratio === undefined ? '-' : `${r.ratio}`, r.better, r.kind === 'ratio' && r.verdict === 'worse' ? 'WORSE (ratio)' : r.verdict]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  return table.map((row) => row.map((c, i) => c.padEnd(widths[i])).join(' | ')).join('\n');
}

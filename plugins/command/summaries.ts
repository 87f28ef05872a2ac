import type { FanOutResult } from './fan-out.js';

/** One line for people: how many servers ended how. */
export function summarizeFanOut(result: FanOutResult): string {
  const parts = Object.entries(result.counts).map(([outcome, count]) => `${count} ${outcome}`);
  return `${result.total} server(s): ${parts.join(', ')}.`;
}

/** `webftp_*` style patterns: `*` matches any run of characters, everything else literally. */
export function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => patternToRegExp(p).test(name));
}

/** Up to three known names closest to an unknown one, for "did you mean" messages. */
export function closeMatches(name: string, known: readonly string[]): string[] {
  const stem = name.replace(/\*/g, '');
  return known
    .map((k) => ({ k, d: distance(stem, k) }))
    .filter(({ k, d }) => d <= Math.max(3, Math.floor(k.length / 3)) || k.includes(stem))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map(({ k }) => k);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/**
 * Module hooks for bench/start-profile.ts (registered by start-profile-preload.ts, run on Node's loader thread): every ES
 * module read from a file gets a call at the start and the end of its body, so the preload can time each module's own
 * evaluation (its imports are evaluated before its first statement) and the RSS it added. CommonJS is timed by the preload.
 */
interface LoadResult {
  format?: string | null;
  source?: string | Uint8Array | null;
}
type NextLoad = (url: string, context: object) => Promise<LoadResult>;

const MARK = 'globalThis.__alpaconStartProfile?.';

export async function load(url: string, context: object, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  if (result.format !== 'module' || !url.startsWith('file:') || result.source === null || result.source === undefined) return result;
  const text = typeof result.source === 'string' ? result.source : new TextDecoder().decode(result.source);
  return { ...result, source: instrument(text) };
}

function instrument(source: string): string {
  const begin = `${MARK}begin(import.meta.url);`;
  const end = `\n;${MARK}end(import.meta.url);\n`;
  if (!source.startsWith('#!')) return `${begin}${source}${end}`;
  const lineEnd = source.indexOf('\n');
  return `${source.slice(0, lineEnd + 1)}${begin}${source.slice(lineEnd + 1)}${end}`;
}

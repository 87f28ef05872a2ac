/** Words a search already finds in a tool's name and description without a hint. */
const FILLER = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'its', 'of', 'on', 'or', 'the', 'to', 'with']);

const wordsOf = (text: string): Set<string> => new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));

/**
 * The search hint as published (`_meta["anthropic/searchHint"]`): only the words that the tool's name and description do
 * not already hold, since deferred-loading clients search those too. An always-loaded tool is never searched, so it gets
 * none. A hint with nothing new is published whole rather than dropped (tests hold built-in hints to adding words).
 */
export function publishedSearchHint(hint: string, tool: { name: string; description: string; alwaysLoad: boolean }): string {
  if (tool.alwaysLoad) return '';
  const known = new Set([...wordsOf(tool.name), ...wordsOf(tool.description)]);
  const added = hint.split(/\s+/).filter((word) => word !== '' && !FILLER.has(word.toLowerCase()) && !known.has(word.toLowerCase()));
  return added.length > 0 ? added.join(' ') : hint.trim();
}

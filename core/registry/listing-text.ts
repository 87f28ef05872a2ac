/** Words a search or a reader gets from a tool's name and description alone. */
const FILLER = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'its', 'of', 'on', 'or', 'the', 'to', 'with']);

const wordsOf = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word !== '' && !FILLER.has(word));

/**
 * The search hint as published (`_meta["anthropic/searchHint"]`): only the words that the tool's name and description do
 * not already hold, since deferred-loading clients search those too. An always-loaded tool is never searched, so it gets
 * none. A hint with nothing new is published whole rather than dropped (tests hold built-in hints to adding words).
 */
export function publishedSearchHint(hint: string, tool: { name: string; description: string; alwaysLoad: boolean }): string {
  if (tool.alwaysLoad) return '';
  const known = new Set([...wordsOf(tool.name), ...wordsOf(tool.description)]);
  const added = hint.split(/\s+/).filter((word) => wordsOf(word).length > 0 && !known.has(word.toLowerCase()));
  return added.length > 0 ? added.join(' ') : hint.trim();
}

/**
 * Whether tools/list carries the tool's title. A title is for people (clients show it instead of the name; models are not
 * given it), and one made only of the name's own words ("List servers" for list_servers) tells them nothing the name does
 * not: without it, clients show the name, as the MCP specification says. The registry keeps every title (confirmations
 * name the tool by it).
 */
export function titleAddsWords(title: string, name: string): boolean {
  const own = new Set(wordsOf(name));
  return wordsOf(title).some((word) => !own.has(word));
}

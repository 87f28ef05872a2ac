/**
 * Brands recognise core objects made by any copy of alpacon-mcp. A plugin may import a second copy of the host (a tarball or a
 * global install beside its own `node_modules`): its classes are not the running host's, so `instanceof` fails; a brand under a
 * registry symbol (`Symbol.for`) is the same in every copy.
 */
export const BRAND = {
  error: Symbol.for('alpacon-mcp:brand:error'),
  toolReply: Symbol.for('alpacon-mcp:brand:tool-reply'),
  workspaceInput: Symbol.for('alpacon-mcp:brand:workspace-input'),
} as const;

/** True when `value` (an object, or a class through its static side) carries the brand, own or inherited. */
export function hasBrand(value: unknown, brand: symbol): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  return (value as Record<symbol, unknown>)[brand] === true;
}

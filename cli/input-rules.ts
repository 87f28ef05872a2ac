import { isRegion, isWorkspaceSlug, REGIONS, type Region } from '../core/dto/index.js';
import type { Messages } from './i18n/index.js';
import { CliUsageError } from './context.js';

/** Prompt validators: `true`, or the rule that was broken in the user's language. */
export function regionRule(t: Messages) {
  return (value: string): string | true => (isRegion(value) ? true : t.badRegion(value, REGIONS.join(', ')));
}

export function workspaceRule(t: Messages) {
  return (value: string): string | true => (isWorkspaceSlug(value) ? true : t.badWorkspace(value));
}

export function tokenRule(t: Messages) {
  return (value: string): string | true => (value.trim().length > 0 ? true : t.emptyToken);
}

/** The same rules for values given as options; throws a usage error naming the rule. */
export function requireRegion(t: Messages, value: string): Region {
  const verdict = regionRule(t)(value);
  if (verdict !== true) throw new CliUsageError(verdict);
  return value as Region;
}

export function requireWorkspace(t: Messages, value: string): string {
  const verdict = workspaceRule(t)(value);
  if (verdict !== true) throw new CliUsageError(verdict);
  return value;
}

export function requireToken(t: Messages, value: string): string {
  const verdict = tokenRule(t)(value);
  if (verdict !== true) throw new CliUsageError(verdict);
  return value.trim();
}

import type { AlpaconTarget } from './target.js';

export const DEFAULT_BASE_URL = 'https://{workspace}.{region}.alpacon.io';

/**
 * Resolves the workspace URL from a template that may contain {workspace} and {region}; no trailing slash. A URL pinned for
 * the workspace (token file `url`, ALPACON_MCP_<REGION>_<WORKSPACE>_URL) wins: the workspace slug may have changed since.
 */
export function resolveBaseUrl(template: string | undefined, target: AlpaconTarget, pinned?: string): string {
  if (pinned) return pinned.replace(/\/+$/, '');
  const url = (template ?? DEFAULT_BASE_URL)
    .replaceAll('{workspace}', encodeURIComponent(target.workspace))
    .replaceAll('{region}', encodeURIComponent(target.region));
  return url.replace(/\/+$/, '');
}

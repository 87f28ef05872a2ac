import type { AlpaconTarget } from './target.js';

export const DEFAULT_BASE_URL = 'https://{workspace}.{region}.alpacon.io';

/** Resolves the workspace URL from a template that may contain {workspace} and {region}; no trailing slash. */
export function resolveBaseUrl(template: string | undefined, target: AlpaconTarget): string {
  const url = (template ?? DEFAULT_BASE_URL)
    .replaceAll('{workspace}', encodeURIComponent(target.workspace))
    .replaceAll('{region}', encodeURIComponent(target.region));
  return url.replace(/\/+$/, '');
}

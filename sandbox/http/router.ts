import type { Handler, RouteOptions, Router, UpgradeHandler } from './types.js';

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  options: Required<RouteOptions>;
  /** Literal segments: the more, the better a match. */
  score: number;
  /** Index of the `*` segment, or -1. */
  wildcard: number;
}

export interface RouteMatch {
  handler: Handler;
  params: Record<string, string>;
  options: Required<RouteOptions>;
}

/** Result of a lookup: a match, a path known under other methods (405), or nothing (404). */
export type Lookup = { kind: 'match'; match: RouteMatch } | { kind: 'method-not-allowed'; allowed: string[] } | { kind: 'none' };

function split(path: string): string[] {
  // '/api/x/' → ['api', 'x', ''] : the empty last segment keeps the trailing slash significant.
  return path.split('/').slice(1);
}

/** Whether `actual` fits `pattern`, without building anything: most routes tried for a path do not. */
function fits(pattern: string[], actual: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i];
    if (i >= actual.length) return false;
    if (part.startsWith('*')) return true;
    if (part.startsWith(':')) {
      if (actual[i] === '') return false;
    } else if (part !== actual[i]) {
      return false;
    }
  }
  return pattern.length === actual.length;
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (!fits(pattern, actual)) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i];
    if (part.startsWith('*')) {
      params[part.slice(1)] = actual.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual[i]);
  }
  return params;
}

export class SandboxRouter implements Router {
  private readonly routes: Route[] = [];
  private readonly upgrades: { prefix: string; handler: UpgradeHandler }[] = [];
  private readonly byLength = new Map<number, Route[]>();

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): void {
    if (!pattern.startsWith('/')) throw new Error(`Route pattern must start with '/': ${pattern}`);
    const segments = split(pattern);
    this.routes.push({
      method: method.toUpperCase(),
      segments,
      handler,
      options: { auth: options.auth ?? true, rawBody: options.rawBody ?? false, mfaExempt: options.mfaExempt ?? false },
      score: segments.filter((s) => !s.startsWith(':') && !s.startsWith('*')).length,
      wildcard: segments.findIndex((s) => s.startsWith('*')),
    });
    this.byLength.clear();
  }

  /** The routes that can match a path of `length` segments, in the order they were added (built on first need). */
  private candidates(length: number): Route[] {
    let found = this.byLength.get(length);
    if (found === undefined) {
      found = this.routes.filter((r) => (r.wildcard < 0 ? r.segments.length === length : length > r.wildcard));
      this.byLength.set(length, found);
    }
    return found;
  }

  onUpgrade(prefix: string, handler: UpgradeHandler): void {
    this.upgrades.push({ prefix, handler });
  }

  lookup(method: string, path: string): Lookup {
    const actual = split(path);
    const wanted = method.toUpperCase();
    const allowed: string[] = [];
    // Literal segments beat parameters: `/users/-/` must win over `/users/:id/`, so try exact routes first.
    let best: { route: Route; params: Record<string, string>; score: number } | undefined;
    for (const route of this.candidates(actual.length)) {
      const params = matchSegments(route.segments, actual);
      if (params === null) continue;
      if (route.method !== wanted) {
        allowed.push(route.method);
        continue;
      }
      if (best === undefined || route.score > best.score) best = { route, params, score: route.score };
    }
    if (best !== undefined) {
      return { kind: 'match', match: { handler: best.route.handler, params: best.params, options: best.route.options } };
    }
    if (allowed.length > 0) return { kind: 'method-not-allowed', allowed: [...new Set(allowed)] };
    return { kind: 'none' };
  }

  upgradeHandler(path: string): UpgradeHandler | undefined {
    return this.upgrades.find((u) => path.startsWith(u.prefix))?.handler;
  }
}

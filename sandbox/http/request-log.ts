import type { IncomingHttpHeaders } from 'node:http';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Parsed JSON body, when the request had one. */
  body: unknown;
  /** Headers with Authorization replaced by `[redacted]`. */
  headers: Record<string, string | string[] | undefined>;
  /** Response status; 0 when the connection was reset or never answered. */
  status: number;
  /** Milliseconds since the epoch when the request arrived. */
  time: number;
  /** Id of the API token (or `jwt:<user id>`) that authenticated the request, once it did; never the key. */
  tokenId?: string;
}

export interface RequestFilter {
  method?: string;
  /** Exact path, or a RegExp tested against the path. */
  path?: string | RegExp;
  /** Matches every path that starts with this. */
  pathPrefix?: string;
}

export function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = { ...headers };
  if (out.authorization !== undefined) out.authorization = '[redacted]';
  return out;
}

/** Every request the sandbox received, in arrival order. */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  all(): LoggedRequest[] {
    return [...this.entries];
  }

  filter(filter: RequestFilter): LoggedRequest[] {
    return this.entries.filter((e) => {
      if (filter.method !== undefined && e.method !== filter.method.toUpperCase()) return false;
      if (typeof filter.path === 'string' && e.path !== filter.path) return false;
      if (filter.path instanceof RegExp && !filter.path.test(e.path)) return false;
      if (filter.pathPrefix !== undefined && !e.path.startsWith(filter.pathPrefix)) return false;
      return true;
    });
  }

  count(filter: RequestFilter = {}): number {
    return this.filter(filter).length;
  }

  clear(): void {
    this.entries.length = 0;
  }
}

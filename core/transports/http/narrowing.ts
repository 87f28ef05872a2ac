import type { RegisteredTool } from '../../registry/tool-definition.js';
import { matchesAny } from '../../selection/name-pattern.js';

/** Reads one request header (Node's IncomingMessage headers and the web Headers both fit). */
export type HeaderLookup = (name: string) => string | string[] | null | undefined;

/**
 * Headers an HTTP client may send to see less than the server offers — never more:
 * `X-Alpacon-Read-Only: true`, `X-Alpacon-Tools: list_servers,webftp_*` (keep only these),
 * `X-Alpacon-Exclude-Tools: execute_*` (drop these).
 */
export function narrowingFrom(header: HeaderLookup): ((tool: RegisteredTool) => boolean) | undefined {
  const readOnly = /^(1|true|yes)$/i.test(String(header('x-alpacon-read-only') ?? ''));
  const only = list(header('x-alpacon-tools'));
  const exclude = list(header('x-alpacon-exclude-tools'));
  if (!readOnly && only.length === 0 && exclude.length === 0) return undefined;
  return (tool) =>
    (!readOnly || tool.effects.readOnly) &&
    (only.length === 0 || matchesAny(tool.name, only)) &&
    !matchesAny(tool.name, exclude);
}

function list(header: string | string[] | null | undefined): string[] {
  const raw = Array.isArray(header) ? header.join(',') : header ?? '';
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

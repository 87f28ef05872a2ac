import type { IncomingMessage } from 'node:http';
import type { RegisteredTool } from '../../registry/tool-definition.js';
import { matchesAny } from '../../selection/name-pattern.js';

/**
 * Headers an HTTP client may send to see less than the server offers — never more:
 * `X-Alpacon-Read-Only: true`, `X-Alpacon-Tools: list_servers,webftp_*` (keep only these),
 * `X-Alpacon-Exclude-Tools: execute_*` (drop these).
 */
export function narrowingFrom(req: IncomingMessage): ((tool: RegisteredTool) => boolean) | undefined {
  const readOnly = /^(1|true|yes)$/i.test(String(req.headers['x-alpacon-read-only'] ?? ''));
  const only = list(req.headers['x-alpacon-tools']);
  const exclude = list(req.headers['x-alpacon-exclude-tools']);
  if (!readOnly && only.length === 0 && exclude.length === 0) return undefined;
  return (tool) =>
    (!readOnly || tool.effects.readOnly) &&
    (only.length === 0 || matchesAny(tool.name, only)) &&
    !matchesAny(tool.name, exclude);
}

function list(header: string | string[] | undefined): string[] {
  const raw = Array.isArray(header) ? header.join(',') : header ?? '';
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

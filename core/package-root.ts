import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding alpacon-mcp's package.json, found upwards from this file (works from sources and from dist/). */
export function packageRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && isThisPackage(manifest)) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', '..');
  }
}

function isThisPackage(manifest: string): boolean {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && (parsed as { name?: unknown }).name === 'alpacon-mcp';
  } catch {
    return false;
  }
}

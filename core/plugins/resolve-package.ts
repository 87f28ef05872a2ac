import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Finds the entry file of an installed package, looking from each folder in turn (ESM-only packages included). */
export function resolvePackage(name: string, fromDirs: readonly string[]): string | undefined {
  for (const dir of fromDirs) {
    try {
      return createRequire(path.join(dir, 'noop.js')).resolve(name);
    } catch {
      const manual = resolveByPackageJson(name, dir);
      if (manual) return manual;
    }
  }
  return undefined;
}

function resolveByPackageJson(name: string, fromDir: string): string | undefined {
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, 'node_modules', name);
    const pkgJson = path.join(pkgDir, 'package.json');
    if (existsSync(pkgJson)) {
      const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { exports?: unknown; main?: string };
      const entry = exportEntry(pkg.exports) ?? pkg.main ?? 'index.js';
      return path.join(pkgDir, entry);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function exportEntry(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const record = exports as Record<string, unknown>;
  const root = '.' in record ? record['.'] : record;
  if (typeof root === 'string') return root;
  if (typeof root === 'object' && root !== null) {
    const conditions = root as Record<string, unknown>;
    for (const key of ['import', 'node', 'default']) if (typeof conditions[key] === 'string') return conditions[key] as string;
  }
  return undefined;
}

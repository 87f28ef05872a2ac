import { existsSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageRoot } from '../package-root.js';

let registered = false;

/**
 * Lets third-party plugins import `alpacon-mcp` even when no copy sits beside them (see host-import-hook). Registered once,
 * only when a third-party plugin is configured; skipped when running from TypeScript sources (tests), where no hook file is built.
 */
export function letPluginsImportHost(): void {
  if (registered) return;
  const hook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'host-import-hook.js');
  if (!existsSync(hook)) return;
  registered = true;
  register(pathToFileURL(hook).href, {
    data: { hostManifestUrl: pathToFileURL(path.join(packageRoot(), 'package.json')).href },
  });
}

/** Where third-party plugins are looked for, in order; duplicates removed. */
export function pluginSearchFolders(options: { configDir: string; cwd: string; home: string }): string[] {
  return [...new Set([
    options.configDir,
    options.cwd,
    // The user's config folder (beside token.json): `npm install --prefix ~/.alpacon-mcp <plugin>`.
    path.join(options.home, '.alpacon-mcp'),
    // The host's own node_modules, and — for a global install — the global node_modules it sits in.
    packageRoot(),
  ])];
}

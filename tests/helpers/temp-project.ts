import { cp, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './spawn-server.js';

/** A throwaway working directory with an optional .alpaconrc and fixture plugins installed into its node_modules. */
export async function tempProject(
  options: { rc?: Record<string, unknown>; fixtures?: string[]; /** Install the host beside the plugins (default true). */ linkHost?: boolean } = {},
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'alpacon-e2e-'));
  if (options.rc) await writeFile(path.join(dir, '.alpaconrc'), JSON.stringify(options.rc));
  if (options.fixtures?.length) {
    const modules = path.join(dir, 'node_modules');
    await mkdir(modules, { recursive: true });
    // Plugins import the host as "alpacon-mcp", resolved like any peer dependency.
    if (options.linkHost !== false) await symlink(PROJECT_ROOT, path.join(modules, 'alpacon-mcp'), 'dir');
    for (const name of options.fixtures) {
      await cp(path.join(PROJECT_ROOT, 'tests', 'fixtures', name), path.join(modules, name), { recursive: true });
    }
  }
  return dir;
}

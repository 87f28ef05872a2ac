import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CORE_VERSION } from '../../core/version.js';
import { CliUsageError, ExitCode, type CliContext } from '../context.js';
import { pluginFiles } from '../create-plugin/template.js';
import { println } from '../io.js';

const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/** `create-plugin NAME`: a plugin package in ./<name> with the right tsconfig, dependencies and a passing test. */
export async function runCreatePlugin(ctx: CliContext, name: string, options: { host?: string }): Promise<number> {
  const { t, io } = ctx;
  if (!PACKAGE_NAME.test(name) || name.length > 214) throw new CliUsageError(t.createPluginBadName(name));
  const dir = path.resolve(io.cwd, name.replace(/^@[^/]+\//, ''));
  const existing = await readdir(dir).catch(() => []);
  if (existing.length > 0) throw new CliUsageError(t.createPluginExists(dir));
  const base = name.replace(/^@[^/]+\//, '').replace(/^alpacon-plugin-/, '');
  const prefix = base.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const files = pluginFiles({
    name,
    toolPrefix: /^[a-z]/.test(prefix) ? prefix.slice(0, 40) : `plugin_${prefix}`.slice(0, 40),
    // Until alpacon-mcp is on the npm registry, --host names a packed tarball (file:/path/alpacon-mcp-0.1.0.tgz).
    host: options.host ?? `^${CORE_VERSION}`,
    hostRange: `^${CORE_VERSION}`,
  });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  println(io.stdout, t.createPluginDone(dir));
  println(io.stdout, t.createPluginNext(path.relative(io.cwd, dir) || '.'));
  return ExitCode.Ok;
}

import { createApp } from '../../core/app/create-app.js';
import { createLogger } from '../../core/logger.js';
import type { PluginStatus } from '../../core/plugins/plugin-status.js';
import { BUILTIN_PLUGINS, DEFAULT_PLUGINS } from '../../plugins/builtin.js';
import { ExitCode, type CliContext } from '../context.js';
import { println } from '../io.js';

/** `plugins`: every configured plugin, loaded with its tools or skipped with why and the fix. Exit 1 when any was skipped. */
export async function runPlugins(ctx: CliContext, options: { json?: boolean }): Promise<number> {
  const { t, io } = ctx;
  // The warnings the server would log are this command's own output.
  const app = await createApp({
    builtins: BUILTIN_PLUGINS,
    defaultPlugins: DEFAULT_PLUGINS,
    configPath: ctx.global.config,
    cwd: io.cwd,
    home: io.home,
    env: io.env,
    logger: createLogger({ level: 'silent' }),
  });
  try {
    const skipped = app.plugins.filter((p) => p.state === 'skipped').length;
    if (options.json) {
      println(io.stdout, JSON.stringify({ config: app.config.source ?? null, plugins: app.plugins }, null, 2));
      return skipped > 0 ? ExitCode.Failed : ExitCode.Ok;
    }
    println(io.stdout, t.pluginsTitle(app.config.source ?? t.pluginsNoConfig));
    for (const plugin of app.plugins) printPlugin(ctx, plugin);
    println(io.stdout, t.pluginsSummary(app.plugins.length - skipped, skipped));
    return skipped > 0 ? ExitCode.Failed : ExitCode.Ok;
  } finally {
    await app.close();
  }
}

function printPlugin({ t, io }: CliContext, plugin: PluginStatus): void {
  const origin = plugin.origin === 'builtin' ? t.pluginBuiltin : t.pluginPackage;
  if (plugin.state === 'skipped') {
    println(io.stdout, t.pluginSkipped(plugin.name, origin));
    if (plugin.reason) println(io.stdout, t.pluginReason(plugin.reason));
    if (plugin.hint) println(io.stdout, t.pluginFix(plugin.hint));
    return;
  }
  println(io.stdout, t.pluginLoaded(plugin.name, origin, plugin.tools.length));
  const contributed = [...plugin.tools, ...plugin.resources, ...plugin.prompts];
  if (contributed.length > 0) println(io.stdout, `        ${contributed.join(', ')}`);
}

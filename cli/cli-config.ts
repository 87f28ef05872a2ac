import { loadConfig } from '../core/config/load-config.js';
import type { AlpaconConfig } from '../core/config/types.js';
import { BUILTIN_PLUGINS, DEFAULT_PLUGINS } from '../plugins/builtin.js';
import type { CliContext } from './context.js';

/** The same configuration the server reads (.alpaconrc or --config, plus the environment), for baseUrl and the token file. */
export function loadCliConfig(ctx: CliContext): Promise<AlpaconConfig> {
  return loadConfig({
    configPath: ctx.global.config,
    cwd: ctx.io.cwd,
    env: ctx.io.env,
    builtinPlugins: Object.keys(BUILTIN_PLUGINS),
    defaultPlugins: DEFAULT_PLUGINS,
  });
}

import { createApp, type App } from '../core/app/create-app.js';
import { tokenEnvName } from '../core/auth/token-env.js';
import { serveStdio } from '../core/transports/stdio.js';
import { BUILTIN_PLUGINS, DEFAULT_PLUGINS } from '../plugins/builtin.js';

export interface ServeOptions {
  config?: string;
  tokenFile?: string;
  readOnly?: boolean;
  sandbox?: boolean;
}

/** Starts the MCP server on stdio; with --sandbox, against an in-process simulated workspace. */
export async function serve(options: ServeOptions): Promise<void> {
  const env = { ...process.env };
  const overrides: Parameters<typeof createApp>[0]['overrides'] = {
    tokenFile: options.tokenFile,
    readOnly: options.readOnly || undefined,
  };
  let stopSandbox: (() => Promise<void>) | undefined;
  if (options.sandbox) {
    const { startSandbox } = await import('../sandbox/index.js');
    const sandbox = await startSandbox({});
    stopSandbox = () => sandbox.stop();
    env[tokenEnvName(sandbox.region, sandbox.workspace)] = sandbox.token;
    Object.assign(overrides, { baseUrl: sandbox.url, defaultWorkspace: sandbox.workspace, defaultRegion: sandbox.region });
    // The sandbox token stands alone: a real token file must not be consulted for the simulated workspace.
    delete env.ALPACON_MCP_TOKEN_FILE;
  }
  const app: App = await createApp({
    builtins: BUILTIN_PLUGINS,
    defaultPlugins: DEFAULT_PLUGINS,
    configPath: options.config,
    env,
    overrides,
  });
  if (stopSandbox) app.lifecycle.onShutdown(stopSandbox);
  if (!app.tokens.hasAny()) warnNotConfigured(app);
  await serveStdio(app);
}

function warnNotConfigured(app: App): void {
  app.log.warn(
    'no Alpacon workspace is configured: tools will answer "not_configured". ' +
      'Run "alpacon-mcp setup" in a terminal, set ALPACON_MCP_<REGION>_<WORKSPACE>_TOKEN, or start with --sandbox to try a simulated workspace.',
  );
}

import { createApp, type App } from '../core/app/create-app.js';
import { tokenEnvName } from '../core/auth/token-env.js';
import { serveStdio } from '../core/transports/stdio.js';
import type { HttpFlags } from '../core/transports/http/index.js';
import { BUILTIN_PLUGINS, DEFAULT_PLUGINS, PREPARED_SCHEMAS } from '../plugins/builtin.js';
import type { SandboxGeneration } from '../sandbox/generation.js';

export interface ServeOptions extends HttpFlags {
  /** How to announce the HTTP endpoints, in the user's language. */
  announce?: (mcpUrl: string, sseUrl: string) => string;
  config?: string;
  tokenFile?: string;
  readOnly?: boolean;
  sandbox?: boolean;
  /** Generation the sandbox plays (implies `sandbox`). */
  sandboxGeneration?: SandboxGeneration;
  http?: boolean;
  toolsets?: string;
  tools?: string;
  excludeTools?: string;
  disableDestructive?: boolean;
}

/** Starts the MCP server on stdio or HTTP; with --sandbox, against an in-process simulated workspace. */
export async function serve(options: ServeOptions): Promise<void> {
  const app = await buildApp(options);
  if (!app.tokens.hasAny()) warnNotConfigured(app);
  if (options.http) await serveHttp(app, options);
  else await serveStdio(app);
}

async function buildApp(options: ServeOptions): Promise<App> {
  const env = { ...process.env };
  const overrides: Parameters<typeof createApp>[0]['overrides'] = {
    tokenFile: options.tokenFile,
    readOnly: options.readOnly || undefined,
  };
  let stopSandbox: (() => Promise<void>) | undefined;
  let sandboxNote: string | undefined;
  if (options.sandbox || options.sandboxGeneration !== undefined) {
    const { startSandbox } = await import('../sandbox/index.js');
    const sandbox = await startSandbox({ generation: options.sandboxGeneration });
    stopSandbox = () => sandbox.stop();
    sandboxNote = `serving the simulated workspace "${sandbox.workspace}" at ${sandbox.url} (server generation ${sandbox.generation})`;
    env[tokenEnvName(sandbox.region, sandbox.workspace)] = sandbox.token;
    Object.assign(overrides, { baseUrl: sandbox.url, defaultWorkspace: sandbox.workspace, defaultRegion: sandbox.region });
    // The sandbox token stands alone: a real token file must not be consulted for the simulated workspace.
    delete env.ALPACON_MCP_TOKEN_FILE;
    delete env.ALPACON_MCP_CONFIG_FILE;
  }
  try {
    const selection = { toolsets: options.toolsets, tools: options.tools, excludeTools: options.excludeTools, disableDestructive: options.disableDestructive };
    const app = await createApp({
      builtins: BUILTIN_PLUGINS,
      defaultPlugins: DEFAULT_PLUGINS,
      preparedSchemas: PREPARED_SCHEMAS,
      configPath: options.config,
      env,
      overrides,
      selection,
    });
    if (stopSandbox) app.lifecycle.onShutdown(stopSandbox);
    if (sandboxNote) app.log.info(sandboxNote);
    return app;
  } catch (error) {
    await stopSandbox?.();
    throw error;
  }
}

async function serveHttp(app: App, options: ServeOptions): Promise<void> {
  // Loaded only for --http: the stdio server never pays for the HTTP stack (SDK handler, Hono adapter, legacy SSE).
  const { resolveHttpOptions, startHttpServer } = await import('../core/transports/http/index.js');
  const flags: HttpFlags = { host: options.host, port: options.port, stateless: options.stateless, insecure: options.insecure };
  let running;
  try {
    running = await startHttpServer(app, resolveHttpOptions(app.config, flags, process.env));
  } catch (error) {
    await app.close();
    throw error;
  }
  const announce = options.announce ?? ((mcp: string, sse: string) => `MCP endpoint ${mcp} (legacy SSE ${sse})`);
  process.stderr.write(`alpacon-mcp: ${announce(`${running.url}/mcp`, `${running.url}/sse`)}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void running.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function warnNotConfigured(app: App): void {
  app.log.warn(
    'no Alpacon workspace is configured: tools will answer "not_configured". ' +
      'Run "alpacon-mcp setup" in a terminal, set ALPACON_MCP_<REGION>_<WORKSPACE>_TOKEN, or start with --sandbox to try a simulated workspace.',
  );
}

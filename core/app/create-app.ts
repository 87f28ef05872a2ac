import type * as Tsyringe from 'tsyringe';
import type { DependencyContainer } from 'tsyringe';
import type { Server } from '@modelcontextprotocol/server';
import { TokenStore } from '../auth/token-store.js';
import { deepFreeze } from '../config/deep-freeze.js';
import { loadConfig, type SelectionFlags } from '../config/load-config.js';
import type { AlpaconConfig } from '../config/types.js';
import { NotConfiguredError } from '../errors/index.js';
import { createMcpServer, type ToolGuard } from '../host/create-server.js';
import { buildInstructions } from '../host/instructions.js';
import { Notices } from '../host/notices.js';
import { AlpaconClient } from '../http/alpacon-client.js';
import { Lifecycle } from '../lifecycle.js';
import { createLogger, type Logger, type LogLevel } from '../logger.js';
import os from 'node:os';
import { pluginSearchFolders } from '../plugins/host-import.js';
import type { BuiltinPlugins } from '../plugins/load-plugins.js';
import type { PluginStatus } from '../plugins/plugin-status.js';
import type { PreparedPlugins } from '../plugins/prepared-plugins.js';
import { startPlugins } from '../plugins/start-plugins.js';
import { ToolRegistry } from '../registry/tool-registry.js';
import type { InputDefaults } from '../registry/validate-input.js';
import { ContextRegistry } from '../registry/context-registry.js';
import type { RegisteredTool } from '../registry/tool-definition.js';
import { createSafetyGuard } from '../safety/safety-guard.js';
import { selectTools } from '../selection/select-tools.js';
import { ALPACON, CONFIG, LIFECYCLE, LOGGER, TOKEN_STORE } from '../tokens.js';
import { requireCommonJs } from '../commonjs.js';

export interface AppOptions {
  builtins: BuiltinPlugins;
  /** Built-in plugins enabled when the config does not name any. */
  defaultPlugins: readonly string[];
  configPath?: string;
  cwd?: string;
  /** The user's home folder (~/.alpacon-mcp holds token.json and may hold plugins); default from the environment. */
  home?: string;
  env?: NodeJS.ProcessEnv;
  /** Overrides applied after the config file and environment (command-line flags, --sandbox). */
  overrides?: Partial<Pick<AlpaconConfig, 'baseUrl' | 'tokenFile' | 'readOnly' | 'defaultWorkspace' | 'defaultRegion'>>;
  /** Tool selection flags (`--toolsets`, `--tools`, `--exclude-tools`, `--disable-destructive`). */
  selection?: SelectionFlags;
  logLevel?: LogLevel;
  logger?: Logger;
  /** Extra guard around tool calls (safety features). */
  guards?: ToolGuard[];
  /** The clock confirmations expire by (tests). */
  now?: () => number;
  /**
   * The build step's prepared descriptions of the built-in plugins: a plugin described there (and unchanged since) is listed
   * from it and imported on its first call; without it every plugin is imported and described at start.
   */
  preparedSchemas?: string | URL | PreparedPlugins;
}

export interface ServerOptions {
  /** Narrows the served tools for this connection or request. */
  visible?: (tool: RegisteredTool) => boolean;
  /** Who is calling (HTTP: from the presented credential); defaults to one identity per server instance (stdio connection). */
  caller?: string;
}

export interface App {
  config: AlpaconConfig;
  tokens: TokenStore;
  registry: ToolRegistry;
  container: DependencyContainer;
  lifecycle: Lifecycle;
  log: Logger;
  /** Every configured plugin: loaded (with what it contributed) or skipped (with why). */
  plugins: PluginStatus[];
  /** A fresh MCP server over the app's tools: one per connection (stdio: one; HTTP: one per session or request). */
  createServer(options?: ServerOptions): Server;
  close(): Promise<void>;
}

/** Builds everything from configuration: services in the container, plugins in child containers, the selected tools. */
export async function createApp(options: AppOptions): Promise<App> {
  const env = options.env ?? process.env;
  const loaded = await loadConfig({
    configPath: options.configPath,
    cwd: options.cwd,
    env,
    builtinPlugins: Object.keys(options.builtins),
    defaultPlugins: options.defaultPlugins,
    selection: options.selection,
  });
  // Frozen: plugins read it through CONFIG, and the safety guard reads disableDestructive / confirmDestructive from it per call.
  const config: AlpaconConfig = deepFreeze({ ...loaded, ...definedOnly(options.overrides ?? {}) });
  const log = options.logger ?? createLogger({ level: options.logLevel ?? config.logLevel });
  const tokens = new TokenStore({ tokenFile: config.tokenFile, cwd: options.cwd, env, logger: log });
  const client = new AlpaconClient({ baseUrl: config.baseUrl, retryBaseMs: 250, ...config.http }, tokens, log.child('http'));
  const notices = new Notices();
  const lifecycle = new Lifecycle(log);
  lifecycle.onShutdown(() => client.close());

  // The core services' container, made when the first plugin is instantiated: a built-in plugin served from its prepared
  // description is not until its first call, so a start to the first tools/list does not load tsyringe (bench:start).
  let services: DependencyContainer | undefined;
  const container = (): DependencyContainer => {
    if (services) return services;
    services = requireCommonJs<typeof Tsyringe>('tsyringe').container.createChildContainer();
    services.registerInstance(CONFIG, config);
    services.registerInstance(LOGGER, log);
    services.registerInstance(TOKEN_STORE, tokens);
    services.registerInstance(ALPACON, client);
    services.registerInstance(LIFECYCLE, lifecycle);
    return services;
  };

  const defaults = targetDefaults(config, tokens);
  // With only one possible workspace, workspace and region cost every tool's schema bytes and tell the model nothing:
  // they stay accepted (and validated) but are not published.
  const defaulted = defaults.workspace ? ['workspace', 'region'] : [];
  // The registry stays out of the container: no plugin can reach another plugin's tools or skip validation and guards.
  const registry = new ToolRegistry({ defaulted, hidden: defaulted });
  const context = new ContextRegistry(defaults);
  const cwd = options.cwd ?? process.cwd();
  const { statuses: plugins, offers } = await startPlugins({
    config,
    builtins: options.builtins,
    resolveFrom: pluginSearchFolders({ configDir: config.baseDir, cwd, home: options.home ?? (env.HOME || os.homedir()) }),
    prepared: options.preparedSchemas,
    container,
    registry,
    context,
    log,
  });
  for (const skipped of plugins.filter((p) => p.state === 'skipped')) {
    notices.add({ message: `skipping plugin ${skipped.name}: ${skipped.reason ?? 'not loaded'}`, ...(skipped.hint ? { fields: { hint: skipped.hint } } : {}) });
  }
  const selected = new Set(
    selectTools(registry.list(), {
      plugins: config.plugins,
      include: config.tools.include,
      exclude: config.tools.exclude,
      readOnly: config.readOnly,
      disableDestructive: config.disableDestructive,
    }).map((t) => t.name),
  );
  registry.retain((tool) => selected.has(tool.name));

  const enabledPlugins = offers.filter((m) => registry.list().some((t) => t.plugin === m.name));
  const instructions = buildInstructions(enabledPlugins, defaults, plugins.filter((p) => p.state === 'skipped'));
  const guards = [createSafetyGuard(config, { now: options.now }).guard, ...(options.guards ?? [])];

  return {
    config,
    tokens,
    registry,
    get container() {
      return container();
    },
    lifecycle,
    log,
    plugins,
    createServer: (serverOptions = {}) =>
      createMcpServer({
        alpacon: client,
        onSessionEnd: (owner) => lifecycle.endSession(owner),
        visible: serverOptions.visible,
        caller: serverOptions.caller,
        registry,
        context,
        defaults,
        instructions,
        outputSchemas: config.outputSchemas,
        log,
        unconfigured: () => (tokens.hasAny() ? undefined : new NotConfiguredError()),
        guard: combineGuards(guards),
        notices: () => notices.list(),
      }),
    close: () => lifecycle.shutdown(),
  };
}

/**
 * The workspace a call without one goes to: `defaultWorkspace` (in `defaultRegion`), else the only configured workspace
 * when exactly one is, else none (every Alpacon tool then requires `workspace`).
 */
function targetDefaults(config: AlpaconConfig, tokens: TokenStore): InputDefaults {
  const regionOf = (workspace: string) => tokens.regionOf(workspace);
  if (config.defaultWorkspace) return { workspace: config.defaultWorkspace, region: config.defaultRegion, regionOf };
  const configured = tokens.list();
  if (configured.length === 1) return { workspace: configured[0].workspace, region: configured[0].region, regionOf };
  return { region: config.defaultRegion, regionOf };
}

function combineGuards(guards: readonly ToolGuard[]): ToolGuard {
  return {
    before: async (call) => {
      for (const g of guards) {
        const pending = await g.before?.(call);
        if (pending) return pending;
      }
    },
    after: async (call, outcome) => {
      for (const g of guards) await g.after?.(call, outcome);
    },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

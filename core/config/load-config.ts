import path from 'node:path';
import type * as Cosmiconfig from 'cosmiconfig';
import type { Loader } from 'cosmiconfig';
import { requireCommonJs } from '../commonjs.js';
import { SINGLE_TOKEN_ENV } from '../auth/token-env.js';
import { isRegion, REGIONS } from '../dto/checks/is-region.js';
import { isWorkspaceSlug } from '../dto/checks/is-workspace-slug.js';
import { ConfigError } from '../errors/index.js';
import { selectToolsets } from './toolsets.js';
import type { AlpaconConfig } from './types.js';
import { validateConfig } from './validate-config.js';

/** Tool selection from the command line; each wins over its environment variable, which wins over the file. */
export interface SelectionFlags {
  /** `--toolsets` (ALPACON_MCP_TOOLSETS): Python toolset names or plugin names, comma-separated. */
  toolsets?: string;
  /** `--tools` (ALPACON_MCP_TOOLS): tool names or patterns to add (tools.include). */
  tools?: string;
  /** `--exclude-tools` (ALPACON_MCP_EXCLUDE_TOOLS): tool names or patterns to remove (tools.exclude). */
  excludeTools?: string;
  /** `--disable-destructive` (ALPACON_MCP_DISABLE_DESTRUCTIVE). */
  disableDestructive?: boolean;
}

export interface LoadConfigOptions {
  /** Explicit config file (--config); otherwise searched from `cwd` upwards. */
  configPath?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  builtinPlugins: readonly string[];
  defaultPlugins: readonly string[];
  selection?: SelectionFlags;
}

const MODULE = 'alpacon';

/** cosmiconfig, required when a configuration is looked up (see requireCommonJs for why not imported). */
const loadCosmiconfig = () => requireCommonJs<typeof Cosmiconfig>('cosmiconfig');

/** `.alpaconrc` is JSON or YAML: JSON is tried first, so the YAML parser is only loaded for YAML. */
const jsonFirst: Loader = (filepath, content) => {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return loadCosmiconfig().defaultLoaders['.yaml'](filepath, content);
  }
};

/**
 * Loads `.alpaconrc` in any cosmiconfig form (`.alpaconrc`, `.alpaconrc.json|yaml|yml|js|cjs|mjs`, `alpacon.config.js`,
 * `package.json#alpacon`), searched from the working directory up to the project root, then applies environment overrides.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<AlpaconConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const explorer = loadCosmiconfig().cosmiconfig(MODULE, { searchStrategy: 'project', loaders: { noExt: jsonFirst } });
  let found: { config: unknown; filepath: string } | null;
  try {
    found = options.configPath
      ? await explorer.load(path.resolve(cwd, options.configPath))
      : await explorer.search(cwd);
  } catch (error) {
    const where = options.configPath ? path.resolve(cwd, options.configPath) : undefined;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(`cannot read the configuration: ${reason}`, where, 'Check that the file exists and is valid JSON, YAML or JavaScript.');
  }
  const config = validateConfig(found?.config, {
    source: found?.filepath,
    baseDir: found ? path.dirname(found.filepath) : cwd,
    builtinPlugins: options.builtinPlugins,
    defaultPlugins: options.defaultPlugins,
  });
  return applySelection(applyEnvironment(config, env), env, options.selection ?? {}, options.builtinPlugins);
}

const list = (raw: string) => raw.split(',').map((s) => s.trim()).filter(Boolean);
const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v);

function applySelection(config: AlpaconConfig, env: NodeJS.ProcessEnv, flags: SelectionFlags, builtins: readonly string[]): AlpaconConfig {
  const pick = (flag: string | undefined, name: string) =>
    flag !== undefined ? { raw: flag, source: `--${name.toLowerCase().replace(/^alpacon_mcp_/, '').replaceAll('_', '-')}` }
      : env[name] !== undefined ? { raw: env[name] as string, source: name } : undefined;
  const toolsets = pick(flags.toolsets, 'ALPACON_MCP_TOOLSETS');
  const include = pick(flags.tools, 'ALPACON_MCP_TOOLS');
  const exclude = pick(flags.excludeTools, 'ALPACON_MCP_EXCLUDE_TOOLS');
  const selected = toolsets ? selectToolsets(toolsets.raw, builtins, toolsets.source) : undefined;
  return {
    ...config,
    plugins: selected?.plugins ?? config.plugins,
    tools: {
      include: [...new Set([...(include ? list(include.raw) : config.tools.include), ...(selected?.tools ?? [])])],
      exclude: exclude ? list(exclude.raw) : config.tools.exclude,
    },
    disableDestructive: config.disableDestructive || flags.disableDestructive === true || truthy(env.ALPACON_MCP_DISABLE_DESTRUCTIVE),
  };
}

function applyEnvironment(config: AlpaconConfig, env: NodeJS.ProcessEnv): AlpaconConfig {
  const baseUrl = env.ALPACON_MCP_BASE_URL || config.baseUrl;
  if (baseUrl && !/^https?:\/\//.test(baseUrl)) {
    throw new ConfigError('ALPACON_MCP_BASE_URL must start with http:// or https://', 'environment');
  }
  return {
    ...config,
    ...workspaceFromEnvironment(env),
    baseUrl,
    // ALPACON_MCP_CONFIG_FILE is the Python server's name for the token file.
    tokenFile: env.ALPACON_MCP_TOKEN_FILE || env.ALPACON_MCP_CONFIG_FILE || config.tokenFile,
    readOnly: config.readOnly || truthy(env.ALPACON_MCP_READ_ONLY),
  };
}

/** `ALPACON_MCP_WORKSPACE` / `ALPACON_MCP_REGION` (set with `ALPACON_MCP_TOKEN`) become the defaults, so tools need no workspace. */
function workspaceFromEnvironment(env: NodeJS.ProcessEnv): Partial<Pick<AlpaconConfig, 'defaultRegion' | 'defaultWorkspace'>> {
  const out: Partial<Pick<AlpaconConfig, 'defaultRegion' | 'defaultWorkspace'>> = {};
  const region = env[SINGLE_TOKEN_ENV.region];
  if (region) {
    if (!isRegion(region)) throw new ConfigError(`${SINGLE_TOKEN_ENV.region} must be one of ${REGIONS.join(', ')}`, 'environment');
    out.defaultRegion = region;
  }
  const workspace = env[SINGLE_TOKEN_ENV.workspace];
  if (workspace) {
    if (!isWorkspaceSlug(workspace)) throw new ConfigError(`${SINGLE_TOKEN_ENV.workspace} must be 1-63 letters, digits, "_" or "-"`, 'environment');
    out.defaultWorkspace = workspace;
  }
  return out;
}

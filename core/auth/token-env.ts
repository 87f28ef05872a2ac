type EnvKind = 'TOKEN' | 'URL';

const part = (s: string) => s.toUpperCase().replace(/-/g, '_');

/** Environment variable that holds a token for one region/workspace pair: ALPACON_MCP_<REGION>_<WORKSPACE>_TOKEN. */
export function tokenEnvName(region: string, workspace: string): string {
  return `ALPACON_MCP_${part(region)}_${part(workspace)}_TOKEN`;
}

/** Environment variable that pins a workspace's API URL: ALPACON_MCP_<REGION>_<WORKSPACE>_URL. */
export function urlEnvName(region: string, workspace: string): string {
  return `ALPACON_MCP_${part(region)}_${part(workspace)}_URL`;
}

/**
 * The names looked up, in order: ours (`-` as `_`), then the Python server's, which upper-cases the workspace but keeps `-`
 * (`ALPACON_MCP_AP1_MY-WS_TOKEN`, settable from an MCP client's `env` block).
 */
export function envNameCandidates(region: string, workspace: string, kind: EnvKind): string[] {
  const ours = kind === 'TOKEN' ? tokenEnvName(region, workspace) : urlEnvName(region, workspace);
  const python = `ALPACON_MCP_${region.toUpperCase()}_${workspace.toUpperCase()}_${kind}`;
  return python === ours ? [ours] : [ours, python];
}

/** Every variable alpacon-mcp reads starts with this. */
export const ENV_PREFIX = 'ALPACON_MCP_';

const TOKEN_ENV = /^ALPACON_MCP_([A-Z0-9]+)_([A-Z0-9_-]+)_TOKEN$/;

/** Reverse of tokenEnvName for listing; workspace names with `-` come back with `_` unless set in the Python form. */
export function parseTokenEnvName(name: string): { region: string; workspace: string } | undefined {
  const match = TOKEN_ENV.exec(name);
  if (!match) return undefined;
  return { region: match[1].toLowerCase(), workspace: match[2].toLowerCase() };
}

/** One workspace from plain variables, for launchers that cannot template a variable's name (Claude Desktop bundles, containers). */
export const SINGLE_TOKEN_ENV = { token: 'ALPACON_MCP_TOKEN', workspace: 'ALPACON_MCP_WORKSPACE', region: 'ALPACON_MCP_REGION' } as const;

/** `ALPACON_MCP_TOKEN` for `ALPACON_MCP_WORKSPACE` in `ALPACON_MCP_REGION` (default ap1); undefined unless token and workspace are both set. */
export function singleEnvToken(env: NodeJS.ProcessEnv): { region: string; workspace: string; token: string } | undefined {
  const token = env[SINGLE_TOKEN_ENV.token];
  const workspace = env[SINGLE_TOKEN_ENV.workspace];
  if (!token || !workspace) return undefined;
  return { region: env[SINGLE_TOKEN_ENV.region] || 'ap1', workspace, token };
}

/** Workspace names compared the way environment variable names lose them (`-` and `_` alike, any case). */
export function sameWorkspace(a: string, b: string): boolean {
  return part(a) === part(b);
}

/** Environment variable that holds a token for one region/workspace pair: ALPACON_MCP_<REGION>_<WORKSPACE>_TOKEN. */
export function tokenEnvName(region: string, workspace: string): string {
  const part = (s: string) => s.toUpperCase().replace(/-/g, '_');
  return `ALPACON_MCP_${part(region)}_${part(workspace)}_TOKEN`;
}

const TOKEN_ENV = /^ALPACON_MCP_([A-Z0-9]+)_([A-Z0-9_]+)_TOKEN$/;

/** Reverse of tokenEnvName for listing; workspace names with `-` come back with `_` (the env form loses that). */
export function parseTokenEnvName(name: string): { region: string; workspace: string } | undefined {
  const match = TOKEN_ENV.exec(name);
  if (!match) return undefined;
  return { region: match[1].toLowerCase(), workspace: match[2].toLowerCase() };
}

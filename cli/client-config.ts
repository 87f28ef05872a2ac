import path from 'node:path';
import { packageRoot } from '../core/package-root.js';

export { packageRoot };

/** How an MCP client should start this installation of alpacon-mcp. */
export interface LaunchCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export interface LaunchOptions {
  /** Root folder of this installation (where package.json and bin/ are). */
  packageRoot?: string;
  nodePath?: string;
  /** A token file outside the default search; the client must be told, since it starts the server from an unknown folder. */
  tokenFile?: string;
  configFile?: string;
  baseUrl?: string;
}

export const SERVER_NAME = 'alpacon';

/**
 * A checkout runs as `<node> <root>/bin/alpacon-mcp.js` with absolute paths (clients start servers from anywhere);
 * an installed package (global or npx cache, under node_modules) runs as `npx -y alpacon-mcp`.
 */
export function launchCommand(options: LaunchOptions = {}): LaunchCommand {
  const root = options.packageRoot ?? packageRoot();
  const installed = root.split(path.sep).includes('node_modules');
  const base = installed
    ? { command: 'npx', args: ['-y', 'alpacon-mcp'] }
    : { command: options.nodePath ?? process.execPath, args: [path.join(root, 'bin', 'alpacon-mcp.js')] };
  const args = [...base.args];
  if (options.configFile) args.push('--config', options.configFile);
  if (options.tokenFile) args.push('--token-file', options.tokenFile);
  const env: Record<string, string> = options.baseUrl ? { ALPACON_MCP_BASE_URL: options.baseUrl } : {};
  return { command: base.command, args, env };
}

/** Claude Desktop and Cursor share the `mcpServers` shape. */
export function mcpServersJson(launch: LaunchCommand): string {
  return JSON.stringify({ mcpServers: { [SERVER_NAME]: entry(launch) } }, null, 2);
}

export function vscodeJson(launch: LaunchCommand): string {
  return JSON.stringify({ servers: { [SERVER_NAME]: { type: 'stdio', ...entry(launch) } } }, null, 2);
}

/** The object VS Code's `--add-mcp` and `vscode:mcp/install` take: the mcp.json entry plus its name. */
export function vscodeServer(launch: LaunchCommand): { name: string; type: 'stdio'; command: string; args: string[]; env?: Record<string, string> } {
  return { name: SERVER_NAME, type: 'stdio', ...entry(launch) };
}

/** VS Code's URL handler: `vscode:mcp/install?<URI-encoded JSON>` (opens VS Code from a browser or `xdg-open`). */
export function vscodeInstallLink(launch: LaunchCommand): string {
  return `vscode:mcp/install?${encodeURIComponent(JSON.stringify(vscodeServer(launch)))}`;
}

/** The same link through VS Code's web redirect, for places that refuse `vscode:` links (GitHub markdown). */
export function vscodeWebInstallLink(launch: LaunchCommand): string {
  return `https://insiders.vscode.dev/redirect?url=${encodeURIComponent(vscodeInstallLink(launch))}`;
}

export function vscodeAddMcpCommand(launch: LaunchCommand): string {
  return `code --add-mcp ${shellQuote(JSON.stringify(vscodeServer(launch)))}`;
}

/** Cursor's deeplink: the server's mcp.json entry as base64 JSON in `config`, its name in `name`. */
export function cursorInstallLink(launch: LaunchCommand): string {
  const config = Buffer.from(JSON.stringify(entry(launch)), 'utf8').toString('base64');
  return `cursor://anysphere.cursor-deeplink/mcp/install?name=${encodeURIComponent(SERVER_NAME)}&config=${encodeURIComponent(config)}`;
}

export function claudeCodeCommand(launch: LaunchCommand): string {
  const env = Object.entries(launch.env).map(([key, value]) => `-e ${shellQuote(`${key}=${value}`)} `).join('');
  return `claude mcp add ${SERVER_NAME} ${env}-- ${[launch.command, ...launch.args].map(shellQuote).join(' ')}`;
}

export function claudeDesktopConfigFile(platform: NodeJS.Platform = process.platform, home = '~', env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? '%APPDATA%', 'Claude', 'claude_desktop_config.json');
  return path.posix.join(home, '.config', 'Claude', 'claude_desktop_config.json');
}

function entry(launch: LaunchCommand): { command: string; args: string[]; env?: Record<string, string> } {
  return Object.keys(launch.env).length > 0
    ? { command: launch.command, args: launch.args, env: launch.env }
    : { command: launch.command, args: launch.args };
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

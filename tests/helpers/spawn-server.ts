import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnStdioClient, type StdioMcpClient } from './stdio-client.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(PROJECT_ROOT, 'bin', 'alpacon-mcp.js');

export type SpawnedServer = StdioMcpClient;

/** Spawns the real `node bin/alpacon-mcp.js` and connects the SDK client over stdio. Needs `npm run build` first. */
export function spawnServer(options: {
  args?: string[];
  env?: Record<string, string>;
  cwd: string;
  /** Another installation's bin (default: this repository's). */
  bin?: string;
}): Promise<SpawnedServer> {
  return spawnStdioClient({ command: process.execPath, args: [options.bin ?? BIN, ...(options.args ?? [])], cwd: options.cwd, env: options.env ?? {} });
}

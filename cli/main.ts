import { startServer } from './start-server.js';

/**
 * Entry of the `alpacon-mcp` command (bin/alpacon-mcp.js). A plain stdio server start takes the short way
 * (cli/start-server.ts); everything else goes to the commander program, imported only then.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const code = (await startServer(argv)) ?? (await (await import('./program.js')).runCli(argv));
  if (code !== 0) process.exitCode = code;
}

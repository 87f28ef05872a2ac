import { runCli } from './program.js';

/** Entry of the `alpacon-mcp` command (bin/alpacon-mcp.js). */
export async function main(argv: readonly string[]): Promise<void> {
  const code = await runCli(argv);
  if (code !== 0) process.exitCode = code;
}

import { Command } from 'commander';
import { isAlpaconMcpError } from '../core/errors/index.js';
import { CORE_VERSION } from '../core/version.js';
import { serve } from './serve.js';

/** Entry of the `alpacon-mcp` command. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('alpacon-mcp')
    .description('MCP server for Alpacon: servers, commands, Websh, WebFTP, metrics, events, system info and IAM')
    .version(CORE_VERSION)
    .option('--config <path>', 'configuration file (default: .alpaconrc searched from the working directory)')
    .option('--token-file <path>', 'token file to use instead of ./config/token.json and ~/.alpacon-mcp/token.json')
    .option('--read-only', 'serve only read-only tools')
    .option('--sandbox', 'serve against an in-process simulated Alpacon workspace (no account needed)')
    .action(async (options: { config?: string; tokenFile?: string; readOnly?: boolean; sandbox?: boolean }) => {
      await serve(options);
    });

  program
    .command('sandbox')
    .description('run the local Alpacon sandbox (a simulated workspace) until interrupted')
    .allowUnknownOption(true)
    .helpOption(false)
    .action(async (_options: unknown, command: Command) => {
      const { runSandboxCli } = await import('../sandbox/cli.js');
      await runSandboxCli(command.args);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (isAlpaconMcpError(error)) {
      process.stderr.write(`alpacon-mcp: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

import { Command, CommanderError } from 'commander';
import { isAlpaconMcpError } from '../core/errors/index.js';
import { CORE_VERSION } from '../core/version.js';
import { firstRunSetup } from './commands/first-run.js';
import { runList } from './commands/list.js';
import { runRemove, type RemoveOptions } from './commands/remove.js';
import { runSetup, type SaveOptions } from './commands/setup.js';
import { runTest } from './commands/test.js';
import { CliUsageError, ExitCode, type CliContext, type GlobalOptions } from './context.js';
import { messagesFor, pickLanguage } from './i18n/index.js';
import { println, processIo, type CliIo } from './io.js';
import { serve } from './serve.js';

/** Runs the command line and returns its exit code (serving returns once the server is up). */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const { language, invalid } = pickLanguage(argv, io.env);
  const t = messagesFor(language);
  if (invalid !== undefined) {
    println(io.stderr, `${t.errorPrefix}: ${t.badLang(invalid)}`);
    return ExitCode.Usage;
  }
  let exitCode: number = ExitCode.Ok;
  const program = new Command('alpacon-mcp');
  const context = (): CliContext => ({ io, t, language, global: program.opts<GlobalOptions>() });

  program
    .description(t.programDescription)
    .version(CORE_VERSION, '-V, --version', t.optVersion)
    .helpOption('-h, --help', t.optHelp)
    .helpCommand('help [command]', t.optHelp)
    .option('--config <path>', t.optConfig)
    .option('--token-file <path>', t.optTokenFile)
    .option('--read-only', t.optReadOnly)
    .option('--sandbox', t.optSandbox)
    .option('--lang <language>', t.optLang)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .action(async () => {
      const ctx = context();
      const stop = await firstRunSetup(ctx);
      if (stop !== undefined) exitCode = stop;
      else await serve(ctx.global);
    });

  const withSaveOptions = (command: Command) =>
    command
      .option('--local', t.optLocal)
      .option('--region <region>', t.optRegion)
      .option('--workspace <name>', t.optWorkspace)
      .option('--token-stdin', t.optTokenStdin)
      .option('--no-test', t.optNoTest);

  withSaveOptions(program.command('setup').description(t.cmdSetup)).action(async (options: SaveOptions) => {
    exitCode = await runSetup(context(), options, 'setup');
  });
  withSaveOptions(program.command('add').description(t.cmdAdd)).action(async (options: SaveOptions) => {
    exitCode = await runSetup(context(), options, 'add');
  });
  program.command('test').description(t.cmdTest).action(async () => {
    exitCode = await runTest(context());
  });
  program.command('list').description(t.cmdList).action(async () => {
    exitCode = await runList(context());
  });
  program
    .command('remove')
    .description(t.cmdRemove)
    .option('--local', t.optLocal)
    .option('--region <region>', t.optRegion)
    .option('--workspace <name>', t.optWorkspace)
    .action(async (options: RemoveOptions) => {
      exitCode = await runRemove(context(), options);
    });
  program
    .command('sandbox')
    .description(t.cmdSandbox)
    .allowUnknownOption(true)
    .helpOption(false)
    .action(async (_options: unknown, command: Command) => {
      const { runSandboxCli } = await import('../sandbox/cli.js');
      await runSandboxCli(command.args);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(io, t.errorPrefix, error);
  }
}

function reportError(io: CliIo, prefix: string, error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed help, the version, or its own complaint.
    return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  }
  if (error instanceof CliUsageError) {
    println(io.stderr, `${prefix}: ${error.message}`);
    return ExitCode.Usage;
  }
  if (isAlpaconMcpError(error)) {
    println(io.stderr, `${prefix}: ${error.message}`);
    if (error.hint) println(io.stderr, error.hint);
    return ExitCode.Failed;
  }
  throw error;
}

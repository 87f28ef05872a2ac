import { Command, CommanderError, Option } from 'commander';
import { CORE_VERSION } from '../core/version.js';
import type { RemoveOptions } from './commands/remove.js';
import type { SaveOptions } from './commands/setup.js';
import { CliUsageError, ExitCode, type CliContext, type GlobalOptions } from './context.js';
import { flagsOf, GLOBAL_OPTIONS, resolvedGlobal } from './global-options.js';
import { messagesFor, pickLanguage } from './i18n/index.js';
import { println, processIo, type CliIo } from './io.js';
import { reportFailure } from './report-error.js';
import { serveServer, type ServeEntry } from './start-server.js';

/**
 * Runs the command line and returns its exit code (serving returns once the server is up).
 * Commands are imported when chosen, so `--version` and `--help` start quickly.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo(), serve: ServeEntry = serveServer): Promise<number> {
  const { language, invalid } = pickLanguage(argv, io.env);
  const t = messagesFor(language);
  if (invalid !== undefined) {
    println(io.stderr, `${t.errorPrefix}: ${t.badLang(invalid)}`);
    return ExitCode.Usage;
  }
  let exitCode: number = ExitCode.Ok;
  const program = new Command('alpacon-mcp');
  const context = (): CliContext => {
    return { io, t, language, global: resolvedGlobal(program.opts<GlobalOptions>()) };
  };

  program
    .description(t.programDescription)
    .version(CORE_VERSION, '-V, --version', t.optVersion)
    .helpOption('-h, --help', t.optHelp)
    .helpCommand('help [command]', t.optHelp);
  for (const spec of GLOBAL_OPTIONS) {
    const option = new Option(flagsOf(spec), spec.describe(t));
    const { accepts, refused } = spec;
    if (accepts && refused) {
      option.argParser((value: string) => {
        if (accepts(value)) return value;
        throw new CliUsageError(refused(value, t));
      });
    }
    program.addOption(option);
  }
  program
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .action(async () => {
      const ctx = context();
      const { firstRunSetup } = await import('./commands/first-run.js');
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
    exitCode = await (await import('./commands/setup.js')).runSetup(context(), options, 'setup');
  });
  withSaveOptions(program.command('add').description(t.cmdAdd)).action(async (options: SaveOptions) => {
    exitCode = await (await import('./commands/setup.js')).runSetup(context(), options, 'add');
  });
  program.command('test').description(t.cmdTest).action(async () => {
    exitCode = await (await import('./commands/test.js')).runTest(context());
  });
  program.command('list').description(t.cmdList).action(async () => {
    exitCode = await (await import('./commands/list.js')).runList(context());
  });
  program
    .command('remove')
    .description(t.cmdRemove)
    .option('--local', t.optLocal)
    .option('--region <region>', t.optRegion)
    .option('--workspace <name>', t.optWorkspace)
    .action(async (options: RemoveOptions) => {
      exitCode = await (await import('./commands/remove.js')).runRemove(context(), options);
    });
  program
    .command('plugins')
    .description(t.cmdPlugins)
    .option('--json', t.optJson)
    .action(async (options: { json?: boolean }) => {
      exitCode = await (await import('./commands/plugins.js')).runPlugins(context(), options);
    });
  program
    .command('create-plugin <name>')
    .description(t.cmdCreatePlugin)
    .option('--host <spec>', t.optHostPackage)
    .action(async (name: string, options: { host?: string }) => {
      exitCode = await (await import('./commands/create-plugin.js')).runCreatePlugin(context(), name, options);
    });
  program
    .command('serve')
    .description(t.cmdServe)
    .option('--http', t.optHttp)
    .option('--host <address>', t.optHost)
    .option('--port <number>', t.optPort, parsePort)
    .option('--stateless', t.optStateless)
    .option('--insecure', t.optInsecure)
    .action(async (options: { http?: boolean; host?: string; port?: number; stateless?: boolean; insecure?: boolean }) => {
      await serve({ ...context().global, ...options, announce: t.httpListening });
    });
  program
    .command('demo')
    .description(t.cmdDemo)
    .option('--sandbox', t.optDemoSandbox)
    .action(async (options: { sandbox?: boolean }) => {
      const ctx = context();
      const { runDemo } = await import('./demo/run-demo.js');
      exitCode = await runDemo(ctx.io, t, {
        sandbox: options.sandbox || ctx.global.sandbox, sandboxGeneration: ctx.global.sandboxGeneration,
        config: ctx.global.config, tokenFile: ctx.global.tokenFile,
      });
    });
  program
    .command('sandbox')
    .description(t.cmdSandbox)
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .helpOption(false)
    .action(async (_options: unknown, command: Command) => {
      const { runSandboxCli } = await import('../sandbox/cli.js');
      await runSandboxCli(command.args, { text: t.sandboxCli });
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(io, t.errorPrefix, error);
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port must be a number from 0 to 65535, not "${value}"`);
  return port;
}

function reportError(io: CliIo, prefix: string, error: unknown): number {
  // Commander has already printed help, the version, or its own complaint.
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  return reportFailure(io, prefix, error);
}

import { ExitCode } from './context.js';
import { resolvedGlobal } from './global-options.js';
import { pickLanguage } from './i18n/language.js';
import { processIo, type CliIo } from './io.js';
import { reportFailure } from './report-error.js';
import { readServerStart } from './serve-argv.js';
import type { ServeOptions } from './serve.js';

/** What starts the server (tests pass their own to see the options it gets). */
export type ServeEntry = (options: ServeOptions) => Promise<void>;

/** The real server start, imported when a server starts. */
export const serveServer: ServeEntry = async (options) => (await import('./serve.js')).serve(options);

/**
 * The plain stdio server start (what MCP clients launch) without building the commander program: no commander, no message
 * catalogues, no other command's code. Returns undefined when the command line is anything else, or when a terminal user
 * may first need the setup wizard: the commander program (cli/program.ts) then runs it exactly as before.
 */
export async function startServer(argv: readonly string[], io: CliIo = processIo(), serve: ServeEntry = serveServer): Promise<number | undefined> {
  const start = readServerStart(argv);
  if (start === undefined) return undefined;
  const { language, invalid } = pickLanguage(argv, io.env);
  if (invalid !== undefined) return undefined;
  // Without `serve`, the program first offers the setup wizard to a terminal with no workspace (cli/commands/first-run.ts).
  if (!start.serveCommand && io.interactive && !start.options.sandbox) return undefined;
  try {
    await serve(resolvedGlobal(start.options));
    return ExitCode.Ok;
  } catch (error) {
    // Only a failure needs the catalogue, for its translated prefix.
    const { messagesFor } = await import('./i18n/index.js');
    return reportFailure(io, messagesFor(language).errorPrefix, error);
  }
}

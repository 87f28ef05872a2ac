import type { GlobalOptions } from './context.js';
import { GLOBAL_OPTIONS } from './global-options.js';

export interface ServerStart {
  /** `serve` was named (it serves at once); without it a terminal may first get the setup wizard. */
  serveCommand: boolean;
  options: GlobalOptions;
}

const BY_NAME = new Map(GLOBAL_OPTIONS.map((spec) => [spec.name, spec]));

/**
 * Reads a plain stdio server start: no subcommand or `serve`, and only the program's own options (GLOBAL_OPTIONS) in forms
 * whose meaning is plain (`--name`, `--name value`, `--name=value`, the last one wins as in commander). Anything else —
 * help, version, another subcommand, a serve option such as --http, an unknown or refused option, a value that looks like
 * an option, `--` — returns undefined, and the commander program takes the whole command line as it always did.
 */
export function readServerStart(argv: readonly string[]): ServerStart | undefined {
  const options: Record<string, string | boolean> = {};
  let serveCommand = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === 'serve' && !serveCommand) {
      serveCommand = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') return undefined;
    const equals = arg.indexOf('=');
    const spec = BY_NAME.get(arg.slice(2, equals < 0 ? undefined : equals));
    if (spec === undefined) return undefined;
    if (spec.value === undefined) {
      if (equals >= 0) return undefined;
      options[spec.key] = true;
      continue;
    }
    const value = equals >= 0 ? arg.slice(equals + 1) : argv[++i];
    if (value === undefined || (equals < 0 && value.startsWith('-'))) return undefined;
    if (spec.accepts && !spec.accepts(value)) return undefined;
    options[spec.key] = value;
  }
  return { serveCommand, options: options as GlobalOptions };
}

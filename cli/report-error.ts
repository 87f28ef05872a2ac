import { isAlpaconMcpError } from '../core/errors/index.js';
import { CliUsageError, ExitCode } from './context.js';
import { println, type CliIo } from './io.js';

/** Reports a failure the user can act on (bad usage: exit 2; a typed Alpacon error: exit 1); anything else is rethrown. */
export function reportFailure(io: CliIo, prefix: string, error: unknown): number {
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

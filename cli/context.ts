import type { Messages, Language } from './i18n/index.js';
import type { CliIo } from './io.js';
import type { SandboxGeneration } from '../sandbox/generation.js';

/** Options of the program itself, valid before or after any subcommand. */
export interface GlobalOptions {
  config?: string;
  tokenFile?: string;
  /** The Python server's name for the token file option; --token-file wins. */
  configFile?: string;
  readOnly?: boolean;
  toolsets?: string;
  tools?: string;
  excludeTools?: string;
  disableDestructive?: boolean;
  sandbox?: boolean;
  /** Generation the sandbox plays; given alone it implies `sandbox`. */
  sandboxGeneration?: SandboxGeneration;
  lang?: string;
}

export interface CliContext {
  io: CliIo;
  t: Messages;
  language: Language;
  global: GlobalOptions;
}

/** Exit codes: 0 success, 1 a check or an operation failed, 2 bad usage or input, 130 cancelled by the user. */
export const ExitCode = { Ok: 0, Failed: 1, Usage: 2, Cancelled: 130 } as const;

/** Bad input from the user: reported with the rule that was broken, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

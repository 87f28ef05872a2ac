import { isSandboxGeneration, SANDBOX_GENERATIONS } from '../sandbox/generation.js';
import type { GlobalOptions } from './context.js';
import type { Messages } from './i18n/index.js';

/**
 * The program's own options (valid before or after any subcommand): the commander program declares them from this list,
 * and the plain server start (cli/serve-argv.ts) reads them from it without loading commander or the catalogues.
 */
export interface GlobalOptionSpec {
  /** Long name without dashes, as typed: `token-file`. */
  name: string;
  key: keyof GlobalOptions;
  /** Placeholder of the value in the help (`<path>`); none for a switch. */
  value?: string;
  describe: (t: Messages) => string;
  /** Whether a value is accepted (any, when absent); `refused` says why not, and commander reports it. */
  accepts?: (value: string) => boolean;
  refused?: (value: string, t: Messages) => string;
}

export const GLOBAL_OPTIONS: readonly GlobalOptionSpec[] = [
  { name: 'config', key: 'config', value: '<path>', describe: (t) => t.optConfig },
  { name: 'token-file', key: 'tokenFile', value: '<path>', describe: (t) => t.optTokenFile },
  { name: 'config-file', key: 'configFile', value: '<path>', describe: (t) => t.optConfigFile },
  { name: 'read-only', key: 'readOnly', describe: (t) => t.optReadOnly },
  { name: 'toolsets', key: 'toolsets', value: '<names>', describe: (t) => t.optToolsets },
  { name: 'tools', key: 'tools', value: '<names>', describe: (t) => t.optTools },
  { name: 'exclude-tools', key: 'excludeTools', value: '<names>', describe: (t) => t.optExcludeTools },
  { name: 'disable-destructive', key: 'disableDestructive', describe: (t) => t.optDisableDestructive },
  { name: 'sandbox', key: 'sandbox', describe: (t) => t.optSandbox },
  {
    name: 'sandbox-generation',
    key: 'sandboxGeneration',
    value: '<name>',
    describe: (t) => t.optSandboxGeneration,
    accepts: isSandboxGeneration,
    refused: (value, t) => t.badSandboxGeneration(value, SANDBOX_GENERATIONS.join(', ')),
  },
  { name: 'lang', key: 'lang', value: '<language>', describe: (t) => t.optLang },
];

/** Commander's flags string of an option: `--config <path>`. */
export const flagsOf = (spec: GlobalOptionSpec): string => (spec.value ? `--${spec.name} ${spec.value}` : `--${spec.name}`);

/** The options as the commands read them: --config-file (the Python server's name) is --token-file unless that is given. */
export function resolvedGlobal(options: GlobalOptions): GlobalOptions {
  return { ...options, tokenFile: options.tokenFile ?? options.configFile };
}

import { describe, expect, it } from '@jest/globals';
import { runCli } from '../../cli/program.js';
import type { ServeOptions } from '../../cli/serve.js';
import { startServer } from '../../cli/start-server.js';
import { CliUsageError } from '../../cli/context.js';
import { ConfigError } from '../../core/errors/index.js';
import { freshDirsEachTest, makeIo } from './helpers.js';

const dirs = freshDirsEachTest();

/** Runs a command line through one entry with a server start that only records the options it gets (or fails). */
async function through(
  entry: 'short way' | 'commander',
  argv: string[],
  options: { interactive?: boolean; env?: NodeJS.ProcessEnv; fail?: Error } = {},
) {
  const test = makeIo({ cwd: dirs.cwd, home: dirs.home, env: options.env ?? {}, interactive: options.interactive });
  const served: Omit<ServeOptions, 'announce'>[] = [];
  const serve = async ({ announce: _announce, ...rest }: ServeOptions) => {
    served.push(rest);
    if (options.fail) throw options.fail;
  };
  const code = entry === 'short way' ? await startServer(argv, test.io, serve) : await runCli(argv, test.io, serve);
  return { code, served, err: test.stderr(), out: test.stdout() };
}

describe('the plain server start without commander', () => {
  const plainStarts: string[][] = [
    [],
    ['serve'],
    ['--read-only', '--toolsets', 'servers,commands', '--tools=get_cpu_usage', '--exclude-tools', 'star_*', '--disable-destructive'],
    ['serve', '--config', 'alpacon.json', '--token-file', 'tokens.json'],
    ['--config-file', 'python-tokens.json'],
    ['--config-file', 'python-tokens.json', '--token-file', 'tokens.json'],
    ['--sandbox', '--sandbox-generation', '2024'],
    ['--sandbox-generation=current', 'serve', '--lang', 'en'],
    ['--toolsets', 'servers', '--toolsets', 'iam'],
    ['--toolsets=', '--lang=ko', 'serve', '--read-only'],
  ];

  it.each(plainStarts.map((argv) => [argv]))('serves %j with exactly the options the commander program gives', async (argv) => {
    const short = await through('short way', argv);
    const commander = await through('commander', argv);
    expect(short.code).toBe(0);
    expect(commander.code).toBe(0);
    expect(short.served).toHaveLength(1);
    expect(short.served).toEqual(commander.served);
    expect(short.err + short.out).toBe('');
  });

  it.each([
    [['--help']], [['-h']], [['--version']], [['-V']], [['help']], [['list']], [['setup']], [['serve', '--http']], [['serve', '--port', '0']],
    [['--sandbox-generation', 'nope']], [['--lang', 'de']], [['--read-only=yes']], [['--toolsets']], [['--toolsets', '--read-only']],
    [['serve', 'serve']], [['--', 'serve']], [['--unknown']], [['-x']], [['serve', 'extra']],
  ])('leaves %j to the commander program', async (argv) => {
    const short = await through('short way', argv);
    expect(short.code).toBeUndefined();
    expect(short.served).toEqual([]);
    expect(short.err + short.out).toBe('');
  });

  it('leaves a refused value to commander, which reports it as before', async () => {
    expect((await through('short way', ['--sandbox-generation', 'nope'])).code).toBeUndefined();
    const commander = await through('commander', ['--lang', 'en', '--sandbox-generation', 'nope']);
    expect(commander.code).toBe(2);
    expect(commander.err).toContain('--sandbox-generation must be one of current, 2024, not "nope"');
    const badLanguage = await through('short way', [], { env: { ALPACON_MCP_LANG: 'de' } });
    expect(badLanguage.code).toBeUndefined();
    expect((await through('commander', [], { env: { ALPACON_MCP_LANG: 'de' } })).code).toBe(2);
  });

  it('leaves a terminal without `serve` to the program (the setup wizard may run first), unless --sandbox', async () => {
    expect((await through('short way', [], { interactive: true })).code).toBeUndefined();
    expect((await through('short way', ['serve'], { interactive: true })).served).toHaveLength(1);
    expect((await through('short way', ['--sandbox'], { interactive: true })).served).toEqual([{ sandbox: true }]);
  });

  it.each([['en'], ['ko']])('reports a failed start as the commander program does (%s)', async (language) => {
    for (const fail of [new ConfigError('unknown toolset(s): comands', '--toolsets', 'Valid toolsets: servers, iam'), new CliUsageError('bad usage')]) {
      const argv = ['--lang', language, '--toolsets', 'comands'];
      const short = await through('short way', argv, { fail });
      const commander = await through('commander', argv, { fail });
      expect({ code: short.code, err: short.err }).toEqual({ code: commander.code, err: commander.err });
      expect(short.code).toBe(fail instanceof CliUsageError ? 2 : 1);
      expect(short.err).toContain(fail.message);
    }
  });
});

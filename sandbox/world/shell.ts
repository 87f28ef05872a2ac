import { BUILTINS } from './shell-commands-builtin.js';
import { FILE_COMMANDS } from './shell-commands-files.js';
import { SYSTEM_COMMANDS } from './shell-commands-system.js';
import { expandWord } from './shell-expand.js';
import { parse, type Redirect, type SimpleCommand, ShellSyntaxError } from './shell-parse.js';
import type { Builtin, HostInfo, ShellState } from './shell-types.js';
import { isVfsError, resolvePath, type VirtualFs } from './vfs.js';

/**
 * A small deterministic bash look-alike. It never runs anything on the real machine: every command is a function
 * over the simulated host's VFS and facts. One instance keeps state (cwd, env, `$?`) across lines.
 */

export interface ShellResult {
  output: string;
  exitCode: number;
  /** True when the line ran `exit`: a Websh session ends, an exec command just finishes. */
  exited: boolean;
  /** True when the line was interrupted through the abort signal (Ctrl-C). */
  interrupted: boolean;
}

const COMMANDS: Record<string, Builtin> = { ...BUILTINS, ...FILE_COMMANDS, ...SYSTEM_COMMANDS };

type Sink = { kind: 'terminal' } | { kind: 'null' } | { kind: 'buffer'; text: string };

interface FileTarget {
  path: string;
  append: boolean;
  sink: Sink & { kind: 'buffer' };
}

export class ShellSession {
  constructor(
    private readonly state: ShellState,
    private readonly fs: VirtualFs,
    private readonly host: HostInfo,
  ) {}

  get cwd(): string {
    return this.state.cwd;
  }

  get user(): string {
    return this.state.user;
  }

  async run(line: string, signal?: AbortSignal, onOutput?: (text: string) => void): Promise<ShellResult> {
    let output = '';
    const emit = (text: string): void => {
      if (text === '') return;
      output += text;
      onOutput?.(text);
    };
    this.state.exited = false;
    const interrupted = await this.runLine(line, emit, signal);
    return { output, exitCode: this.state.lastStatus, exited: this.state.exited, interrupted };
  }

  private async runLine(line: string, emit: (text: string) => void, signal?: AbortSignal, errorPrefix = 'bash: '): Promise<boolean> {
    let items;
    try {
      items = parse(line);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      emit(`${errorPrefix}${error.message}\n`);
      this.state.lastStatus = 2;
      return false;
    }
    for (const item of items) {
      if (this.state.exited) break;
      if (item.joiner === '&&' && this.state.lastStatus !== 0) continue;
      if (item.joiner === '||' && this.state.lastStatus === 0) continue;
      if (signal?.aborted) {
        this.state.lastStatus = 130;
        return true;
      }
      let stdin: string | undefined;
      for (const [index, command] of item.pipeline.entries()) {
        const last = index === item.pipeline.length - 1;
        const result = await this.runCommand(command, stdin, last, emit, signal);
        stdin = result.piped;
        if (last) this.state.lastStatus = result.status;
      }
      if (signal?.aborted) {
        this.state.lastStatus = 130;
        return true;
      }
    }
    return false;
  }

  private async runCommand(
    command: SimpleCommand,
    stdin: string | undefined,
    last: boolean,
    emit: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<{ status: number; piped: string | undefined }> {
    const words = command.words.flatMap((word) => expandWord(word, this.state, this.fs));
    const assignments: Array<[string, string]> = [];
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
      const word = words.shift() ?? '';
      assignments.push([word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]);
    }
    const pipe: Sink = { kind: 'buffer', text: '' };
    let stdout: Sink = last ? { kind: 'terminal' } : pipe;
    let stderr: Sink = { kind: 'terminal' };
    const files: FileTarget[] = [];
    let input = stdin;
    for (const redirect of command.redirects) {
      const opened = await this.openRedirect(redirect, files, stdout);
      if ('error' in opened) {
        emit(opened.error);
        return { status: 1, piped: last ? undefined : '' };
      }
      if (opened.input !== undefined) input = opened.input;
      if (opened.stdout !== undefined) stdout = opened.stdout;
      if (opened.stderr !== undefined) stderr = opened.stderr;
    }
    const write = (sink: Sink, text: string): void => {
      if (sink.kind === 'terminal') emit(text);
      else if (sink.kind === 'buffer') sink.text += text;
    };
    let status = 0;
    if (words.length === 0) {
      for (const [name, value] of assignments) this.state.env.set(name, value);
    } else {
      const saved = assignments.map(([name]) => [name, this.state.env.get(name)] as const);
      for (const [name, value] of assignments) this.state.env.set(name, value);
      status = await this.invoke(words, input, signal, (text) => write(stdout, text), (text) => write(stderr, text));
      for (const [name, value] of saved) {
        if (value === undefined) this.state.env.delete(name);
        else this.state.env.set(name, value);
      }
    }
    for (const file of files) {
      try {
        await this.fs.writeFile(file.path, file.sink.text, { append: file.append, as: this.state.user });
      } catch (error) {
        if (!isVfsError(error)) throw error;
        emit(`bash: ${file.path}: ${error.reason}\n`);
        status = 1;
      }
    }
    return { status, piped: last ? undefined : pipe.kind === 'buffer' ? pipe.text : '' };
  }

  private async openRedirect(
    redirect: Redirect,
    files: FileTarget[],
    currentStdout: Sink,
  ): Promise<{ error: string } | { input?: string; stdout?: Sink; stderr?: Sink }> {
    if (redirect.kind === 'dup') return { stderr: currentStdout };
    const [target = ''] = expandWord(redirect.target, this.state, this.fs);
    if (redirect.kind === 'input') {
      try {
        return { input: (await this.fs.readFile(resolvePath(this.state.cwd, target), { as: this.state.user })).toString('utf8') };
      } catch (error) {
        if (!isVfsError(error)) throw error;
        return { error: `bash: ${target}: ${error.reason}\n` };
      }
    }
    if (target === '/dev/null') {
      const sink: Sink = { kind: 'null' };
      return redirect.kind === 'both' ? { stdout: sink, stderr: sink } : redirect.fd === 1 ? { stdout: sink } : { stderr: sink };
    }
    const path = resolvePath(this.state.cwd, target);
    const existing = files.find((file) => file.path === path);
    const sink = existing?.sink ?? { kind: 'buffer' as const, text: '' };
    if (existing === undefined) {
      try {
        if (!redirect.append || !this.fs.exists(path)) await this.fs.writeFile(path, '', { as: this.state.user });
      } catch (error) {
        if (!isVfsError(error)) throw error;
        return { error: `bash: ${target}: ${error.reason}\n` };
      }
      files.push({ path, append: redirect.append, sink });
    }
    if (redirect.kind === 'both') return { stdout: sink, stderr: sink };
    return redirect.fd === 1 ? { stdout: sink } : { stderr: sink };
  }

  private async invoke(
    words: string[],
    stdin: string | undefined,
    signal: AbortSignal | undefined,
    out: (text: string) => void,
    err: (text: string) => void,
  ): Promise<number> {
    const [name, ...args] = words;
    if ((name === 'bash' || name === 'sh') && args[0] === '-c' && args[1] !== undefined) {
      const outerExited = this.state.exited;
      await this.runLine(args[1], out, signal);
      this.state.exited = outerExited;
      return this.state.lastStatus;
    }
    if (name === 'eval') {
      // Same shell state: `eval 'cd /tmp'` moves this shell, `eval 'exit 3'` ends it, like bash.
      this.state.lastStatus = 0;
      await this.runLine(args.join(' '), out, signal, 'bash: eval: line 1: ');
      return this.state.lastStatus;
    }
    const base = name.includes('/') && /^\/(usr\/)?s?bin\/[^/]+$/.test(name) ? name.slice(name.lastIndexOf('/') + 1) : name;
    const builtin = COMMANDS[base];
    if (builtin === undefined) {
      err(name.includes('/') ? `bash: ${name}: No such file or directory\n` : `bash: ${name}: command not found\n`);
      return 127;
    }
    const context = { name: base, args, stdin, state: this.state, fs: this.fs, host: this.host, signal, out, err };
    return builtin(context);
  }
}

export function knownCommands(): string[] {
  return Object.keys(COMMANDS).sort();
}

import { afterEach, beforeEach } from '@jest/globals';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { CliIo } from '../../cli/io.js';

export interface TestIo {
  io: CliIo;
  stdin: PassThrough;
  stdout: () => string;
  stderr: () => string;
  /** Stdout with ANSI escapes removed, as a person would read it. */
  plain: () => string;
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

/** Streams and folders for one run of the command line; nothing touches the real home or environment. */
export function makeIo(options: { cwd: string; home: string; env?: NodeJS.ProcessEnv; interactive?: boolean }): TestIo & { onOutput: (listener: () => void) => void } {
  let out = '';
  let err = '';
  const listeners: (() => void)[] = [];
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        append(chunk.toString());
        listeners.forEach((l) => l());
        callback();
      },
    });
  const stdin = new PassThrough();
  const io: CliIo = {
    stdin,
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    interactive: options.interactive ?? false,
    env: options.env ?? {},
    cwd: options.cwd,
    home: options.home,
  };
  return { io, stdin, stdout: () => out, stderr: () => err, plain: () => stripAnsi(out), onOutput: (l) => listeners.push(l) };
}

/**
 * Types into the prompts like a person: each step waits until its text has appeared on the screen
 * (after the previous step's), then sends its keys. `\r` is Enter, `\x03` is Ctrl-C, `\x1b[B` the down arrow.
 */
export function script(test: ReturnType<typeof makeIo>, steps: { when: string; keys: string }[], screen: () => string = test.stdout): void {
  let from = 0;
  let index = 0;
  let busy = false;
  const check = () => {
    if (busy || index >= steps.length) return;
    const text = stripAnsi(screen());
    const at = text.indexOf(steps[index].when, from);
    if (at < 0) return;
    busy = true;
    from = at + steps[index].when.length;
    const keys = steps[index].keys;
    index += 1;
    setTimeout(() => {
      test.stdin.write(keys);
      busy = false;
      check();
    }, 5);
  };
  test.onOutput(check);
}

/** A new project folder and home folder for every test of the calling file (or describe block), removed after it. */
export function freshDirsEachTest(): { readonly cwd: string; readonly home: string } {
  let dirs: Awaited<ReturnType<typeof tempDirs>> | undefined;
  beforeEach(async () => {
    dirs = await tempDirs();
  });
  afterEach(() => dirs?.cleanup());
  const current = () => {
    if (!dirs) throw new Error('freshDirsEachTest: used outside a test');
    return dirs;
  };
  return {
    get cwd() {
      return current().cwd;
    },
    get home() {
      return current().home;
    },
  };
}

export async function tempDirs(): Promise<{ cwd: string; home: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'alpacon-cli-'));
  const cwd = path.join(root, 'project');
  const home = path.join(root, 'home');
  await mkdir(cwd);
  await mkdir(home);
  return { cwd, home, cleanup: () => rm(root, { recursive: true, force: true }) };
}

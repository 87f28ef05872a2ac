import os from 'node:os';
import type { Readable, Writable } from 'node:stream';

/** Everything the command line touches outside itself, so tests can drive it with their own streams and folders. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** True when a person can answer prompts (stdin is a terminal). */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  home: string;
}

export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    home: os.homedir(),
  };
}

export function println(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}

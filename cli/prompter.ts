import { Writable } from 'node:stream';
import { confirm, input, password, select } from '@inquirer/prompts';
import type { CliIo } from './io.js';

/** Thrown when the person leaves a prompt (Ctrl-C, closed input, abort): the caller writes nothing. */
export class PromptCancelled extends Error {
  constructor(cause?: unknown) {
    super('prompt cancelled', { cause });
    this.name = 'PromptCancelled';
  }
}

export interface Choice<T extends string> {
  value: T;
  name?: string;
}

/** The few questions the wizard asks, on the streams of a CliIo. */
export interface Prompter {
  select<T extends string>(message: string, choices: readonly Choice<T>[], defaultValue?: T): Promise<T>;
  text(message: string, validate: (value: string) => string | true, defaultValue?: string): Promise<string>;
  secret(message: string, validate: (value: string) => string | true): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
}

const CANCELLED_PROMPT_ERRORS = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

/**
 * Prompts from @inquirer/prompts on the given streams. Each prompt ends the output stream it is given,
 * so each gets its own pass-through that forwards to the real output without ending it.
 */
export function createPrompter(io: Pick<CliIo, 'stdin'>, output: Writable, signal?: AbortSignal): Prompter {
  const context = () => ({ input: io.stdin, output: forwardTo(output), signal, clearPromptOnDone: false });
  const guard = async <T>(ask: () => Promise<T>): Promise<T> => {
    try {
      return await ask();
    } catch (error) {
      if (error instanceof Error && CANCELLED_PROMPT_ERRORS.has(error.name)) throw new PromptCancelled(error);
      throw error;
    }
  };
  return {
    select: (message, choices, defaultValue) =>
      guard(() => select({ message, choices: choices.map((c) => ({ value: c.value, name: c.name ?? c.value })), default: defaultValue }, context())),
    text: (message, validate, defaultValue) =>
      guard(async () => (await input({ message, default: defaultValue, validate: (v) => validate(v.trim()) }, context())).trim()),
    secret: (message, validate) => guard(async () => (await password({ message, validate: (v) => validate(v.trim()) }, context())).trim()),
    confirm: (message, defaultValue) => guard(() => confirm({ message, default: defaultValue }, context())),
  };
}

function forwardTo(target: Writable): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      target.write(chunk);
      callback();
    },
  });
}

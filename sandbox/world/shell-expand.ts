import { posix } from 'node:path';
import type { Word } from './shell-parse.js';
import type { ShellState } from './shell-types.js';
import type { VirtualFs } from './vfs.js';
import { resolvePath } from './vfs.js';

/** Word expansion at run time: variables (`$?`, `$HOME`…), a leading `~`, and `*`/`?` globs in the last path segment. */

export const FAKE_PID = '4242';

function variable(name: string, state: ShellState): string {
  if (name === '?') return String(state.lastStatus);
  if (name === '$') return FAKE_PID;
  if (name === '#') return '0';
  if (name === '0') return 'bash';
  return state.env.get(name) ?? '';
}

/** Expands one word to zero or more arguments. */
export function expandWord(word: Word, state: ShellState, fs: VirtualFs): string[] {
  let text = '';
  let pattern = '';
  let hasGlob = false;
  let quotedAnything = false;
  word.parts.forEach((part, index) => {
    if (part.kind === 'var') {
      const value = variable(part.name, state);
      text += value;
      pattern += escapeGlob(value);
      if (part.quoted) quotedAnything = true;
      return;
    }
    let literal = part.text;
    if (part.quoted) quotedAnything = true;
    else {
      if (index === 0 && (literal === '~' || literal.startsWith('~/'))) literal = (state.env.get('HOME') ?? '/') + literal.slice(1);
      if (/[*?]/.test(literal)) hasGlob = true;
    }
    text += literal;
    pattern += part.quoted ? escapeGlob(literal) : literal;
  });
  if (text === '' && !quotedAnything) return [];
  if (!hasGlob) return [text];
  const matches = glob(pattern, state.cwd, fs);
  return matches.length > 0 ? matches : [text];
}

function escapeGlob(text: string): string {
  return text.replace(/[*?\\]/g, (char) => `\\${char}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index];
    if (char === '\\') source += escapeRegExp(pattern[++index] ?? '\\');
    else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`);
}

function glob(pattern: string, cwd: string, fs: VirtualFs): string[] {
  const slash = pattern.lastIndexOf('/');
  const dirPart = slash >= 0 ? pattern.slice(0, slash + 1) : '';
  const namePart = slash >= 0 ? pattern.slice(slash + 1) : pattern;
  if (/(^|[^\\])[*?]/.test(dirPart)) return [];
  const dirText = dirPart.replace(/\\(.)/g, '$1');
  const directory = resolvePath(cwd, dirText === '' ? '.' : dirText);
  if (!fs.exists(directory) || fs.stat(directory).kind !== 'dir') return [];
  const regex = globToRegExp(namePart);
  return fs
    .readdir(directory)
    .filter((entry) => (!entry.name.startsWith('.') || namePart.startsWith('.')) && regex.test(entry.name))
    .map((entry) => (dirText === '' ? entry.name : posix.join(dirText, entry.name)));
}

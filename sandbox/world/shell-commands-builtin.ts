import { setTimeout as delay } from 'node:timers/promises';
import type { Builtin, CommandContext } from './shell-types.js';
import { homeOf } from './shell-types.js';
import { isVfsError, resolvePath } from './vfs.js';

/** Shell builtins: state (cd, export, exit), output (echo, printf), flow (true, false, sleep, test). */

function unescape(text: string): string {
  return text.replace(/\\(0[0-7]{0,3}|[\\abefnrtv])/g, (_, code: string) => {
    const simple: Record<string, string> = { '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    return simple[code] ?? String.fromCharCode(parseInt(code.slice(1) || '0', 8));
  });
}

const echo: Builtin = ({ args, out }) => {
  let newline = true;
  let escapes = false;
  let index = 0;
  while (index < args.length && /^-[neE]+$/.test(args[index])) {
    if (args[index].includes('n')) newline = false;
    if (args[index].includes('e')) escapes = true;
    if (args[index].includes('E')) escapes = false;
    index += 1;
  }
  const text = args.slice(index).join(' ');
  out(`${escapes ? unescape(text) : text}${newline ? '\n' : ''}`);
  return 0;
};

const printf: Builtin = ({ args, out, err }) => {
  const [format, ...values] = args;
  if (format === undefined) {
    err('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  let rest = [...values];
  let status = 0;
  do {
    const consumed = rest.length;
    let used = 0;
    const text = unescape(format).replace(/%(-?\d*)(?:\.(\d+))?([sdibxXfc%])/g, (_, width: string, precision: string | undefined, kind: string) => {
      if (kind === '%') return '%';
      const value = rest[used] ?? '';
      used += 1;
      let rendered: string;
      if (kind === 's') rendered = precision === undefined ? value : value.slice(0, Number(precision));
      else if (kind === 'b') rendered = unescape(value);
      else if (kind === 'c') rendered = value.slice(0, 1);
      else if (kind === 'f') rendered = (Number(value) || 0).toFixed(precision === undefined ? 6 : Number(precision));
      else {
        const number = value === '' ? 0 : Number(value);
        if (!Number.isInteger(number)) {
          err(`printf: ${value}: invalid number\n`);
          status = 1;
        }
        const integer = Number.isInteger(number) ? number : 0;
        rendered = kind === 'x' ? integer.toString(16) : kind === 'X' ? integer.toString(16).toUpperCase() : String(integer);
      }
      const size = Math.abs(Number(width) || 0);
      if (width.startsWith('-')) return rendered.padEnd(size);
      return rendered.padStart(size, width.startsWith('0') && kind !== 's' ? '0' : ' ');
    });
    out(text);
    rest = rest.slice(used);
    if (used === 0 || rest.length === consumed) break;
  } while (rest.length > 0);
  return status;
};

const cd: Builtin = ({ args, state, fs, err }) => {
  const home = state.env.get('HOME') ?? homeOf(state.user);
  const operand = args[0] === undefined || args[0] === '~' ? home : args[0] === '-' ? (state.env.get('OLDPWD') ?? state.cwd) : args[0];
  const target = resolvePath(state.cwd, operand);
  try {
    const stat = fs.stat(target);
    if (stat.kind !== 'dir') {
      err(`bash: cd: ${operand}: Not a directory\n`);
      return 1;
    }
    fs.readdir(target, { as: state.user });
  } catch (error) {
    if (!isVfsError(error)) throw error;
    err(`bash: cd: ${operand}: ${error.reason}\n`);
    return 1;
  }
  state.env.set('OLDPWD', state.cwd);
  state.cwd = target;
  state.env.set('PWD', target);
  return 0;
};

const sleep: Builtin = async ({ args, signal, err }) => {
  const seconds = args.reduce((sum, arg) => sum + parseDuration(arg), 0);
  if (args.length === 0 || Number.isNaN(seconds)) {
    err(args.length === 0 ? 'sleep: missing operand\n' : `sleep: invalid time interval '${args.join(' ')}'\n`);
    return 1;
  }
  try {
    await delay(seconds * 1000, undefined, { signal });
    return 0;
  } catch {
    return 130;
  }
};

function parseDuration(arg: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (match === null) return Number.NaN;
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]] ?? 1;
  return Number(match[1]) * factor;
}

const exit: Builtin = ({ args, state }) => {
  state.exited = true;
  const code = args[0] === undefined ? state.lastStatus : Number(args[0]);
  return Number.isInteger(code) ? ((code % 256) + 256) % 256 : 2;
};

const exportVars: Builtin = ({ args, state }) => {
  for (const arg of args) {
    const equals = arg.indexOf('=');
    if (equals > 0) state.env.set(arg.slice(0, equals), arg.slice(equals + 1));
  }
  return 0;
};

const env: Builtin = ({ state, out }) => {
  for (const [key, value] of [...state.env.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) out(`${key}=${value}\n`);
  return 0;
};

const test: Builtin = ({ name, args, state, fs }) => {
  const operands = name === '[' ? args.slice(0, args[args.length - 1] === ']' ? -1 : args.length) : args;
  const negate = operands[0] === '!';
  const [a, b, c] = negate ? operands.slice(1) : operands;
  const exists = (path: string): boolean => fs.exists(resolvePath(state.cwd, path));
  const kind = (path: string): string | undefined => (exists(path) ? fs.stat(resolvePath(state.cwd, path)).kind : undefined);
  let result: boolean;
  if (b === undefined) result = a !== undefined && a !== '';
  else if (c === undefined) {
    const unary: Record<string, () => boolean> = {
      '-e': () => exists(b), '-f': () => kind(b) === 'file', '-d': () => kind(b) === 'dir', '-z': () => b === '', '-n': () => b !== '',
      '-s': () => kind(b) === 'file' && fs.stat(resolvePath(state.cwd, b)).size > 0,
    };
    result = unary[a]?.() ?? false;
  } else {
    const [x, y] = [Number(a), Number(c)];
    const binary: Record<string, boolean> = { '=': a === c, '==': a === c, '!=': a !== c, '-eq': x === y, '-ne': x !== y, '-lt': x < y, '-le': x <= y, '-gt': x > y, '-ge': x >= y };
    result = binary[b] ?? false;
  }
  return result !== negate ? 0 : 1;
};

export function builtinNames(): string[] {
  return Object.keys(BUILTINS);
}

export const BUILTINS: Record<string, Builtin> = {
  echo,
  printf,
  cd,
  sleep,
  exit,
  env,
  test,
  '[': test,
  export: exportVars,
  pwd: ({ state, out }: CommandContext) => (out(`${state.cwd}\n`), 0),
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  unset: ({ args, state }) => (args.forEach((name) => state.env.delete(name)), 0),
  clear: ({ out }) => (out('\x1b[H\x1b[2J'), 0),
};

import { posix } from 'node:path';
import type { Builtin, CommandContext } from './shell-types.js';
import { isVfsError, modeString, resolvePath, type VfsStat } from './vfs.js';

/** File commands of the simulated shell: ls, cat, mkdir, rm, touch, cp, mv, wc, head, tail, grep. */

/** `cat` and friends read at most this much of a file, so a huge upload cannot fill the sandbox's memory. */
const READ_LIMIT = 8 * 1024 * 1024;

export function splitFlags(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let endOfFlags = false;
  for (const arg of args) {
    if (!endOfFlags && arg === '--') endOfFlags = true;
    else if (!endOfFlags && arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      for (const flag of arg.slice(1)) flags.add(flag);
    } else operands.push(arg);
  }
  return { flags, operands };
}

function fail(context: CommandContext, target: string, error: unknown, prefix = `${context.name}: ${target}`): number {
  if (!isVfsError(error)) throw error;
  context.err(`${prefix}: ${error.reason}\n`);
  return 1;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function longLine(stat: VfsStat, name: string, sizeWidth: number): string {
  const time = stat.mtime;
  const date = `${MONTHS[time.getUTCMonth()]} ${String(time.getUTCDate()).padStart(2, ' ')} ${String(time.getUTCHours()).padStart(2, '0')}:${String(time.getUTCMinutes()).padStart(2, '0')}`;
  const links = stat.kind === 'dir' ? 2 : 1;
  return `${modeString(stat)} ${links} ${stat.owner} ${stat.group} ${String(stat.size).padStart(sizeWidth, ' ')} ${date} ${name}\n`;
}

const ls: Builtin = (context) => {
  const { flags, operands } = splitFlags(context.args);
  const targets = operands.length > 0 ? operands : ['.'];
  let status = 0;
  const printEntries = (entries: Array<{ stat: VfsStat; name: string }>, showTotal: boolean): void => {
    if (!flags.has('l')) {
      for (const entry of entries) context.out(`${entry.name}\n`);
      return;
    }
    const width = Math.max(1, ...entries.map((entry) => String(entry.stat.size).length));
    if (showTotal) context.out(`total ${entries.reduce((sum, entry) => sum + Math.ceil(entry.stat.size / 4096) * 4, 0)}\n`);
    for (const entry of entries) context.out(longLine(entry.stat, entry.name, width));
  };
  targets.forEach((target, index) => {
    const path = resolvePath(context.state.cwd, target);
    try {
      const stat = context.fs.stat(path);
      if (stat.kind === 'file' || flags.has('d')) {
        printEntries([{ stat, name: target }], false);
        return;
      }
      const children = context.fs
        .readdir(path, { as: context.state.user })
        .filter((child) => flags.has('a') || flags.has('A') || !child.name.startsWith('.'))
        .map((child) => ({ stat: child, name: child.name }));
      const dots = flags.has('a') ? [{ stat, name: '.' }, { stat: context.fs.stat(posix.dirname(path)), name: '..' }] : [];
      if (targets.length > 1) context.out(`${index > 0 ? '\n' : ''}${target}:\n`);
      printEntries([...dots, ...children], true);
    } catch (error) {
      status = 2;
      const reason = isVfsError(error) ? error.reason : String(error);
      context.err(isVfsError(error) && error.code === 'EACCES'
        ? `ls: cannot open directory '${target}': ${reason}\n`
        : `ls: cannot access '${target}': ${reason}\n`);
    }
  });
  return status;
};

async function readInputs(context: CommandContext, operands: string[], onText: (text: string, name: string) => void): Promise<number> {
  if (operands.length === 0) {
    onText(context.stdin ?? '', '');
    return 0;
  }
  let status = 0;
  for (const operand of operands) {
    if (operand === '-') {
      onText(context.stdin ?? '', '-');
      continue;
    }
    try {
      const data = await context.fs.readFile(resolvePath(context.state.cwd, operand), { as: context.state.user, maxBytes: READ_LIMIT });
      onText(data.toString('utf8'), operand);
    } catch (error) {
      status = fail(context, operand, error);
    }
  }
  return status;
}

const cat: Builtin = (context) => readInputs(context, splitFlags(context.args).operands, (text) => context.out(text));

function lineCount(context: CommandContext): { count: number; rest: string[] } {
  const rest: string[] = [];
  let count = 10;
  for (let index = 0; index < context.args.length; index += 1) {
    const arg = context.args[index];
    if (arg === '-n') count = Number(context.args[++index]);
    else if (/^-n\d+$/.test(arg)) count = Number(arg.slice(2));
    else if (/^-\d+$/.test(arg)) count = Number(arg.slice(1));
    else rest.push(arg);
  }
  return { count: Number.isFinite(count) ? count : 10, rest };
}

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const head: Builtin = async (context) => {
  const { count, rest } = lineCount(context);
  return readInputs(context, rest, (text) => {
    for (const line of linesOf(text).slice(0, count)) context.out(`${line}\n`);
  });
};

const tail: Builtin = async (context) => {
  const { count, rest } = lineCount(context);
  return readInputs(context, rest, (text) => {
    const lines = linesOf(text);
    for (const line of count > 0 ? lines.slice(-count) : []) context.out(`${line}\n`);
  });
};

const wc: Builtin = async (context) => {
  const { flags, operands } = splitFlags(context.args);
  const wanted = (['l', 'w', 'c'] as const).filter((flag) => flags.has(flag));
  const columns = wanted.length > 0 ? wanted : (['l', 'w', 'c'] as const);
  return readInputs(context, operands, (text, name) => {
    const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: Buffer.byteLength(text) };
    const values = columns.map((column) => String(counts[column]));
    const cells = columns.length === 1 ? values : values.map((value) => value.padStart(name === '' ? 7 : 1, ' '));
    context.out(`${cells.join(' ')}${name === '' ? '' : ` ${name}`}\n`);
  });
};

const grep: Builtin = async (context) => {
  const { flags, operands } = splitFlags(context.args);
  const [pattern, ...files] = operands;
  if (pattern === undefined) {
    context.err('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
    return 2;
  }
  const regex = new RegExp(pattern, flags.has('i') ? 'i' : '');
  let matched = 0;
  const status = await readInputs(context, files, (text, name) => {
    linesOf(text).forEach((line, index) => {
      if (regex.test(line) === flags.has('v')) return;
      matched += 1;
      if (flags.has('c')) return;
      const prefix = `${files.length > 1 ? `${name}:` : ''}${flags.has('n') ? `${index + 1}:` : ''}`;
      context.out(`${prefix}${line}\n`);
    });
  });
  if (flags.has('c')) context.out(`${matched}\n`);
  return status !== 0 ? 2 : matched > 0 ? 0 : 1;
};

const mkdir: Builtin = (context) => {
  const { flags, operands } = splitFlags(context.args);
  let status = 0;
  for (const operand of operands) {
    try {
      context.fs.mkdir(resolvePath(context.state.cwd, operand), { parents: flags.has('p'), as: context.state.user });
    } catch (error) {
      status = fail(context, operand, error, `mkdir: cannot create directory '${operand}'`);
    }
  }
  return status;
};

const rm: Builtin = (context) => {
  const { flags, operands } = splitFlags(context.args);
  let status = 0;
  for (const operand of operands) {
    const path = resolvePath(context.state.cwd, operand);
    try {
      context.fs.remove(path, { recursive: flags.has('r') || flags.has('R'), as: context.state.user });
    } catch (error) {
      if (flags.has('f') && isVfsError(error) && error.code === 'ENOENT') continue;
      status = fail(context, operand, error, `rm: cannot remove '${operand}'`);
    }
  }
  return status;
};

const touch: Builtin = async (context) => {
  let status = 0;
  for (const operand of splitFlags(context.args).operands) {
    const path = resolvePath(context.state.cwd, operand);
    try {
      if (context.fs.exists(path)) await context.fs.writeFile(path, '', { append: true, as: context.state.user });
      else await context.fs.writeFile(path, '', { as: context.state.user });
    } catch (error) {
      status = fail(context, operand, error, `touch: cannot touch '${operand}'`);
    }
  }
  return status;
};

const mv: Builtin = (context) => {
  const { operands } = splitFlags(context.args);
  const [source, target] = operands;
  if (source === undefined || target === undefined) {
    context.err(`mv: missing file operand\n`);
    return 1;
  }
  let destination = resolvePath(context.state.cwd, target);
  if (context.fs.exists(destination) && context.fs.stat(destination).kind === 'dir') destination = posix.join(destination, posix.basename(source));
  try {
    context.fs.move(resolvePath(context.state.cwd, source), destination, { as: context.state.user });
    return 0;
  } catch (error) {
    return fail(context, source, error, `mv: cannot move '${source}' to '${target}'`);
  }
};

const cp: Builtin = async (context) => {
  const { operands } = splitFlags(context.args);
  const [source, target] = operands;
  if (source === undefined || target === undefined) {
    context.err(`cp: missing file operand\n`);
    return 1;
  }
  let destination = resolvePath(context.state.cwd, target);
  if (context.fs.exists(destination) && context.fs.stat(destination).kind === 'dir') destination = posix.join(destination, posix.basename(source));
  try {
    const input = context.fs.createReadStream(resolvePath(context.state.cwd, source), { as: context.state.user });
    const output = context.fs.createWriteStream(destination, { as: context.state.user });
    const { pipeline } = await import('node:stream/promises');
    await pipeline(input, output);
    return 0;
  } catch (error) {
    return fail(context, source, error, `cp: cannot copy '${source}'`);
  }
};

export const FILE_COMMANDS: Record<string, Builtin> = { ls, cat, head, tail, wc, grep, mkdir, rm, touch, mv, cp };

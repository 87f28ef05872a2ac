/**
 * Tokenizer and parser for the simulated shell: words with quotes and `$VAR`/`$?` parts (expanded later, at run
 * time, so `false; echo $?` sees the right status), `;` `&&` `||` `|` `&`, and redirections `>` `>>` `<` `2>` `2>&1` `&>`.
 */

export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

export type Redirect =
  | { kind: 'file'; fd: 1 | 2; append: boolean; target: Word }
  | { kind: 'both'; append: boolean; target: Word }
  | { kind: 'dup'; from: 2; to: 1 }
  | { kind: 'input'; target: Word };

export interface SimpleCommand {
  words: Word[];
  redirects: Redirect[];
}

export interface ListItem {
  pipeline: SimpleCommand[];
  /** How this item is joined to the previous one (null for the first). */
  joiner: ';' | '&&' | '||' | null;
}

type Token = { type: 'word'; word: Word } | { type: 'op'; op: string };

export class ShellSyntaxError extends Error {}

const OPERATORS = ['2>&1', '2>>', '&>>', '&&', '||', '>>', '2>', '&>', ';', '|', '&', '>', '<', '\n'];
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let parts: WordPart[] = [];
  let started = false;
  let index = 0;
  const pushText = (text: string, quoted: boolean): void => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'text' && last.quoted === quoted) last.text += text;
    else parts.push({ kind: 'text', text, quoted });
  };
  const endWord = (): void => {
    if (started) tokens.push({ type: 'word', word: { parts } });
    parts = [];
    started = false;
  };
  const readVariable = (quoted: boolean): void => {
    const next = line[index + 1] ?? '';
    if (next === '?' || next === '$' || next === '#' || next === '0') {
      parts.push({ kind: 'var', name: next, quoted });
      index += 2;
    } else if (next === '{') {
      const close = line.indexOf('}', index);
      if (close < 0) throw new ShellSyntaxError('bad substitution');
      parts.push({ kind: 'var', name: line.slice(index + 2, close), quoted });
      index = close + 1;
    } else if (NAME_START.test(next)) {
      let end = index + 1;
      while (end < line.length && NAME_CHAR.test(line[end])) end += 1;
      parts.push({ kind: 'var', name: line.slice(index + 1, end), quoted });
      index = end;
    } else {
      pushText('$', quoted);
      index += 1;
    }
  };

  while (index < line.length) {
    const char = line[index];
    if (char === ' ' || char === '\t' || char === '\r') {
      endWord();
      index += 1;
      continue;
    }
    if (char === '#' && !started) {
      while (index < line.length && line[index] !== '\n') index += 1;
      continue;
    }
    const isFdPrefix = char === '2' && !started && line[index + 1] === '>';
    const op = OPERATORS.find((candidate) => line.startsWith(candidate, index));
    if (op !== undefined && (op[0] !== '2' || isFdPrefix)) {
      endWord();
      tokens.push({ type: 'op', op: op === '\n' ? ';' : op });
      index += op.length;
      continue;
    }
    started = true;
    if (char === "'") {
      const close = line.indexOf("'", index + 1);
      if (close < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      pushText(line.slice(index + 1, close), true);
      index = close + 1;
    } else if (char === '"') {
      index += 1;
      pushText('', true);
      while (index < line.length && line[index] !== '"') {
        const inner = line[index];
        if (inner === '\\' && '"\\$`\n'.includes(line[index + 1] ?? '')) {
          pushText(line[index + 1], true);
          index += 2;
        } else if (inner === '$') {
          readVariable(true);
        } else {
          pushText(inner, true);
          index += 1;
        }
      }
      if (index >= line.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      index += 1;
    } else if (char === '\\') {
      if (line[index + 1] !== undefined && line[index + 1] !== '\n') pushText(line[index + 1], true);
      index += 2;
    } else if (char === '$') {
      readVariable(false);
    } else {
      pushText(char, false);
      index += 1;
    }
  }
  endWord();
  return tokens;
}

export function parse(line: string): ListItem[] {
  const tokens = tokenize(line);
  const items: ListItem[] = [];
  let joiner: ListItem['joiner'] = null;
  let pipeline: SimpleCommand[] = [];
  let command: SimpleCommand = { words: [], redirects: [] };
  const unexpected = (op: string): ShellSyntaxError => new ShellSyntaxError(`syntax error near unexpected token \`${op}'`);
  const isEmpty = (candidate: SimpleCommand): boolean => candidate.words.length === 0 && candidate.redirects.length === 0;

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token.type === 'word') {
      command.words.push(token.word);
      continue;
    }
    const { op } = token;
    if (op === '2>&1') {
      command.redirects.push({ kind: 'dup', from: 2, to: 1 });
      continue;
    }
    if (['>', '>>', '2>', '2>>', '&>', '&>>', '<'].includes(op)) {
      const target = tokens[index + 1];
      if (target?.type !== 'word') throw unexpected(target?.type === 'op' ? target.op : 'newline');
      index += 1;
      if (op === '<') command.redirects.push({ kind: 'input', target: target.word });
      else if (op.startsWith('&')) command.redirects.push({ kind: 'both', append: op === '&>>', target: target.word });
      else command.redirects.push({ kind: 'file', fd: op.startsWith('2') ? 2 : 1, append: op.endsWith('>>'), target: target.word });
      continue;
    }
    if (isEmpty(command)) throw unexpected(op);
    pipeline.push(command);
    command = { words: [], redirects: [] };
    if (op === '|') continue;
    items.push({ pipeline, joiner });
    pipeline = [];
    joiner = op === '&&' || op === '||' ? op : ';';
  }
  if (!isEmpty(command)) pipeline.push(command);
  if (pipeline.length > 0) items.push({ pipeline, joiner });
  else if (joiner === '&&' || joiner === '||') throw unexpected('newline');
  return items;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './spawn-server.js';

export interface DockerInstruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  value: string;
  stage: number;
}

/** The Dockerfile's instructions in order (comments dropped, `\` continuations joined), with their stage index. */
export function readDockerfile(file = path.join(PROJECT_ROOT, 'Dockerfile')): DockerInstruction[] {
  const logical = readFileSync(file, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  let stage = -1;
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    if (keyword.toUpperCase() === 'FROM') stage += 1;
    return { keyword: keyword.toUpperCase(), value: rest.join(' '), stage };
  });
}

/** The last stage's instructions: what the image is. */
export function finalStage(instructions: DockerInstruction[]): DockerInstruction[] {
  const last = Math.max(...instructions.map((i) => i.stage));
  return instructions.filter((i) => i.stage === last);
}

/** An exec-form (JSON array) argument list, as ENTRYPOINT, CMD and HEALTHCHECK CMD take it. */
export function execForm(value: string): string[] {
  const parsed: unknown = JSON.parse(value);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`not an exec-form list: ${value}`);
  return parsed as string[];
}

/** `KEY=value KEY2=value2` (ENV and LABEL), quotes removed. */
export function keyValues(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of value.matchAll(/([\w.-]+)=("([^"]*)"|\S+)/g)) out[match[1]] = match[3] ?? match[2];
  return out;
}

/** What the image runs: ENTRYPOINT then CMD (exec form), and its ENV. */
export function imageCommand(instructions = readDockerfile()): { entrypoint: string[]; cmd: string[]; env: Record<string, string> } {
  const stage = finalStage(instructions);
  const last = (keyword: string) => stage.filter((i) => i.keyword === keyword).at(-1)?.value;
  const env = Object.assign({}, ...stage.filter((i) => i.keyword === 'ENV').map((i) => keyValues(i.value))) as Record<string, string>;
  return { entrypoint: execForm(last('ENTRYPOINT') ?? '[]'), cmd: execForm(last('CMD') ?? '[]'), env };
}

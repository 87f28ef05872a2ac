/**
 * Preload of bench/start-profile.ts (`node --import <this> bin/alpacon-mcp.js`): records, for every module the process
 * evaluates, its own evaluation time and the RSS it added (ES modules through start-profile-loader.ts, CommonJS by wrapping
 * Module.prototype._compile, which includes reading the file's nested requires: those are subtracted as children). The
 * moment the first tools/list answer is written to stdout is marked (START_PROFILE_MODULES=off: only that). On exit all of it goes to START_PROFILE_OUT as JSON.
 */
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

export interface ModuleRecord {
  /** file URL or path */
  file: string;
  kind: 'esm' | 'cjs';
  /** ms since the process started, when the module's own evaluation began */
  at: number;
  selfMs: number;
  selfRssBytes: number;
}

export interface StartProfileRecord {
  modules: ModuleRecord[];
  /** ms since process start and RSS when the first tools/list answer was written; absent if none was */
  toolsList?: { at: number; rssBytes: number; hrtimeUs: number };
}

interface Frame {
  file: string;
  kind: ModuleRecord['kind'];
  at: number;
  rss: number;
  childMs: number;
  childRss: number;
}

const stack: Frame[] = [];
const record: StartProfileRecord = { modules: [] };

function begin(file: string, kind: ModuleRecord['kind']): void {
  stack.push({ file, kind, at: performance.now(), rss: process.memoryUsage.rss(), childMs: 0, childRss: 0 });
}

function end(file: string): void {
  const index = stack.findLastIndex((frame) => frame.file === file);
  if (index < 0) return;
  const [frame] = stack.splice(index);
  const totalMs = performance.now() - frame.at;
  const totalRss = process.memoryUsage.rss() - frame.rss;
  record.modules.push({ file, kind: frame.kind, at: frame.at, selfMs: totalMs - frame.childMs, selfRssBytes: totalRss - frame.childRss });
  const parent = stack.at(-1);
  if (parent) {
    parent.childMs += totalMs;
    parent.childRss += totalRss;
  }
}

(globalThis as { __alpaconStartProfile?: unknown }).__alpaconStartProfile = {
  begin: (url: string) => begin(url, 'esm'),
  end: (url: string) => end(url),
};

interface CjsModulePrototype {
  _compile(this: unknown, content: string, filename: string): unknown;
}
function timeCommonJs(): void {
  const cjsPrototype = (createRequire(import.meta.url)('node:module') as { prototype: CjsModulePrototype }).prototype;
  const compile = cjsPrototype._compile;
  cjsPrototype._compile = function timedCompile(this: unknown, content: string, filename: string): unknown {
    begin(filename, 'cjs');
    try {
      return compile.call(this, content, filename);
    } finally {
      end(filename);
    }
  };
}

const write = process.stdout.write;
process.stdout.write = function markToolsList(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
  if (record.toolsList === undefined && typeof chunk === 'string' && chunk.includes('"tools":[')) {
    record.toolsList = { at: performance.now(), rssBytes: process.memoryUsage.rss(), hrtimeUs: Number(process.hrtime.bigint() / 1000n) };
  }
  return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
} as typeof process.stdout.write;

process.on('exit', () => {
  if (process.env.START_PROFILE_OUT) writeFileSync(process.env.START_PROFILE_OUT, JSON.stringify(record));
});

// START_PROFILE_MODULES=off keeps only the tools/list mark (the CPU profile run: module hooks would add their own cost).
if (process.env.START_PROFILE_MODULES !== 'off') {
  timeCommonJs();
  register('./start-profile-loader.js', import.meta.url);
}

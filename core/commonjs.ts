import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package for the start path, required rather than imported. The first `import` of a CommonJS package makes
 * Node start its export scanner (cjs-module-lexer) and scan every file the package re-exports: about 6 MiB of RSS and
 * 100 ms of every start (bench/start-profile.ts), which a server whose dependencies are all ES modules never pays.
 * `require` returns the same module instance an `import` would.
 */
export function requireCommonJs<T>(name: string): T {
  return require(name) as T;
}

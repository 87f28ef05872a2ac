#!/usr/bin/env node
import { createRequire } from 'node:module';

// Decorated classes need Reflect metadata before they load, so it comes first. Required, not imported: see
// core/commonjs.ts (importing a CommonJS package starts Node's export scanner, a cost of every start).
createRequire(import.meta.url)('reflect-metadata');

import('../dist/cli/main.js')
  .then(({ main }) => main(process.argv.slice(2)))
  .catch((error) => {
    process.stderr.write(`alpacon-mcp: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });

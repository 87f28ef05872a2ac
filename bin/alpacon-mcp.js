#!/usr/bin/env node
import 'reflect-metadata';
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`alpacon-mcp: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});

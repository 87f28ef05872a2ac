/**
 * Build step (`npm run build`, after tsc): describes every built-in tool's input once, so the server starts without the
 * schema generator. Writes dist/plugins/prepared-schemas.json; the server checks each entry against the decorators.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkManifest } from '../core/plugins/check-manifest.js';
import { prepareSchemas } from '../core/registry/prepared-schemas.js';
import { BUILTIN_PLUGINS, PREPARED_SCHEMAS } from './builtin.js';

const manifests = await Promise.all(Object.entries(BUILTIN_PLUGINS).map(async ([name, load]) => checkManifest(name, await load())));
const prepared = prepareSchemas(manifests);
await writeFile(PREPARED_SCHEMAS, JSON.stringify(prepared) + '\n');
const tools = Object.values(prepared.plugins).reduce((n, p) => n + Object.keys(p).length, 0);
process.stdout.write(`prepared ${tools} tool input schemas: ${fileURLToPath(PREPARED_SCHEMAS)}\n`);

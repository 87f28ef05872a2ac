/**
 * Build step (`npm run build`, after tsc): describes every built-in plugin once — tools with their published fields and input
 * schemas, resources, prompts, settings, instructions — so the server lists them without importing their code. Writes
 * dist/plugins/prepared-schemas.json with the size and mtime of the built files each description came from; the server uses a
 * description only while those files are unchanged.
 */
import 'reflect-metadata';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importManifest } from '../core/plugins/load-plugins.js';
import { preparePlugins, stampFolders } from '../core/plugins/prepared-plugins.js';
import { BUILTIN_PLUGINS, PREPARED_SCHEMAS } from './builtin.js';

const target = fileURLToPath(PREPARED_SCHEMAS);
const base = path.dirname(target);
const manifests = [];
for (const [name, load] of Object.entries(BUILTIN_PLUGINS)) manifests.push(await importManifest(name, load));
const prepared = preparePlugins(manifests);
// Core code that shapes every description: DTO base classes and checks, decorators, the registry that describes.
prepared.files = stampFolders(base, ['../core/dto', '../core/decorators', '../core/registry']);
for (const [name, plugin] of Object.entries(prepared.plugins)) plugin.files = stampFolders(base, [name]);
// Written beside and renamed, so a server starting meanwhile reads the old file or the new one, never half of one.
const partial = `${target}.${process.pid}.tmp`;
await writeFile(partial, JSON.stringify(prepared) + '\n');
await rename(partial, target);
const tools = Object.values(prepared.plugins).reduce((n, p) => n + p.tools.length, 0);
process.stdout.write(`prepared ${Object.keys(prepared.plugins).length} plugins, ${tools} tools: ${target}\n`);

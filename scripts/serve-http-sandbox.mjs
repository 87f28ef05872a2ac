#!/usr/bin/env node
/**
 * Serves alpacon-mcp over Streamable HTTP against an in-process sandbox, for the conformance suite (until the CLI's
 * `serve --http` is the entry point). Loopback only. Prints one line `READY <url>` on stdout, then runs until SIGTERM/SIGINT
 * or stdin closes. Needs `npm run build` first (imports dist/).
 *
 *   node scripts/serve-http-sandbox.mjs [--port N] [--stateless]
 */
import 'reflect-metadata';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(path.join(root, 'dist', file));

const args = process.argv.slice(2);
const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 0;
const stateless = args.includes('--stateless');

const { startSandbox } = await dist('sandbox/index.js');
const { createApp } = await dist('core/app/create-app.js');
const { tokenEnvName } = await dist('core/auth/token-env.js');
const { startHttpServer, resolveHttpOptions } = await dist('core/transports/http/index.js');
const { BUILTIN_PLUGINS, DEFAULT_PLUGINS } = await dist('plugins/builtin.js');

const sandbox = await startSandbox({ commandStepMs: 5 });
const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-http-sandbox-'));
const app = await createApp({
  builtins: BUILTIN_PLUGINS,
  defaultPlugins: DEFAULT_PLUGINS,
  cwd,
  env: { [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
  overrides: { baseUrl: sandbox.url, defaultWorkspace: sandbox.workspace, defaultRegion: sandbox.region },
  logLevel: 'warn',
});
app.lifecycle.onShutdown(() => sandbox.stop());
const server = await startHttpServer(app, resolveHttpOptions(app.config, { host: '127.0.0.1', port, stateless }, {}));
process.stdout.write(`READY ${server.url}/mcp\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.once('end', stop);
process.stdin.resume();

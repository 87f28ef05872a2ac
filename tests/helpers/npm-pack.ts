import { execFile } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './spawn-server.js';

const exec = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Runs npm in `cwd`, preferring the npm cache `npm ci` filled; only the npm registry is ever asked, for what the cache lacks
 * (a fresh machine). Returns stdout.
 */
export async function npm(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await exec(NPM, [...args, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    env: { ...process.env, npm_config_update_notifier: 'false', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** `npm pack` of a folder into `destination`; returns the tarball's path. */
export async function pack(folder: string, destination: string, options: { ignoreScripts?: boolean } = {}): Promise<string> {
  const out = await npm(folder, ['pack', '--pack-destination', destination, ...(options.ignoreScripts ? ['--ignore-scripts'] : [])]);
  const name = out.trim().split('\n').at(-1) ?? '';
  return path.join(destination, name);
}

/** The host as a user would get it: `npm pack` of this (built) repository. */
export async function packHost(destination: string): Promise<string> {
  return pack(PROJECT_ROOT, destination, { ignoreScripts: true });
}

/** A copy of an example package without its build output or installed modules. */
export async function copyExample(name: string, into: string): Promise<string> {
  const target = path.join(into, name);
  await cp(path.join(PROJECT_ROOT, 'examples', name), target, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist)([\\/]|$)/.test(path.relative(PROJECT_ROOT, source)) && !source.endsWith('.tgz'),
  });
  return target;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

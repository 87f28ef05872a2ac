#!/usr/bin/env node
/**
 * `npm run bundle`: builds the Claude Desktop bundle (`bundle/alpacon-mcp-<version>.mcpb`) from exactly what the npm package
 * ships — the packed tarball, unpacked, with production dependencies — plus `bundle/manifest.json` (validated and zipped by
 * the `mcpb` CLI). Prints `BUNDLE <path>` on stdout.
 *
 *   npm run bundle [-- --out DIR]
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const outDir = argv.includes('--out') ? path.resolve(argv[argv.indexOf('--out') + 1]) : path.join(root, 'bundle');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const mcpbCli = path.join(root, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');

function run(command, args, cwd = root) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${(stderr || stdout).slice(-2000)}`))));
  });
}

async function main() {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const manifest = JSON.parse(await readFile(path.join(root, 'bundle', 'manifest.json'), 'utf8'));
  if (manifest.version !== pkg.version) throw new Error(`bundle/manifest.json has version ${manifest.version}, package.json ${pkg.version}`);
  await run(process.execPath, [mcpbCli, 'validate', path.join(root, 'bundle', 'manifest.json')]);

  const work = await mkdtemp(path.join(tmpdir(), 'alpacon-bundle-'));
  try {
    const packed = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work]);
    const [info] = JSON.parse(packed.slice(packed.indexOf('[')));
    const staging = path.join(work, 'package');
    await run('tar', ['-xzf', path.join(work, info.filename), '-C', work]);
    // The lockfile pins the same dependency versions the tests ran with; dev dependencies are left out.
    await copyFile(path.join(root, 'package-lock.json'), path.join(staging, 'package-lock.json'));
    await run(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], staging);
    await rm(path.join(staging, 'package-lock.json'));
    await writeFile(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    await mkdir(outDir, { recursive: true });
    const output = path.join(outDir, `alpacon-mcp-${pkg.version}.mcpb`);
    await run(process.execPath, [mcpbCli, 'pack', staging, output]);
    process.stdout.write(`BUNDLE ${output}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`build-bundle: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

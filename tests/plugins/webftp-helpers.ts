import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

export interface WebftpFixture {
  t: SandboxedConnection;
  /** The only allowed local root (real path). */
  root: string;
  serverId: string;
  workspace: string;
}

/** A sandbox plus a server whose only local root is a fresh temp folder. */
export async function webftpFixture(): Promise<WebftpFixture> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'webftp-root-')));
  const t = await connectToSandbox({ rc: { plugins: ['webftp', 'servers'], webftp: { localRoots: [root] } }, sandbox: { servers: 2 } });
  const server = t.sandbox.world.servers.all().find((s) => s.is_connected) ?? t.sandbox.world.servers.all()[0];
  return { t, root, serverId: server.id, workspace: t.sandbox.workspace };
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Names in a folder, to prove no temp or partial file was left behind. */
export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** Every entry of a zip file on disk: name → content ('' for folders). */
export function unzipFile(file: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error !== null || zip === undefined) return reject(error ?? new Error('not a zip'));
      const entries: Record<string, string> = {};
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) {
          entries[entry.fileName] = '';
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null || stream === undefined) return reject(streamError ?? new Error('no entry stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries[entry.fileName] = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

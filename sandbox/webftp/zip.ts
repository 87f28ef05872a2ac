import { posix } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { VirtualFs } from '../world/vfs.js';

/**
 * Streams a zip of VFS files and folders (yazl): each file is opened only when the zip reaches it, so a folder of
 * any size is zipped without being held in memory. Each root appears under its own base name (`proj/a.txt`).
 */
export function zipStream(fs: VirtualFs, roots: string[], as: string | undefined): Readable {
  const zip = new ZipFile();
  const output = new PassThrough();
  zip.on('error', (error: Error) => output.destroy(error));
  const addFile = (path: string, entryName: string): void => {
    const stat = fs.stat(path);
    zip.addReadStreamLazy(entryName, { mtime: stat.mtime, mode: stat.mode, size: stat.size }, (callback) => {
      try {
        callback(null, fs.createReadStream(path, { as }));
      } catch (error) {
        callback(error, new PassThrough());
      }
    });
  };
  for (const root of roots) {
    const base = posix.basename(root) || 'root';
    const stat = fs.stat(root);
    if (stat.kind === 'file') {
      addFile(root, base);
      continue;
    }
    zip.addEmptyDirectory(base, { mtime: stat.mtime, mode: stat.mode });
    for (const entry of fs.walk(root)) {
      const name = `${base}/${entry.relative}`;
      if (entry.stat.kind === 'dir') zip.addEmptyDirectory(name, { mtime: entry.stat.mtime, mode: entry.stat.mode });
      else addFile(entry.stat.path, name);
    }
  }
  zip.end();
  zip.outputStream.pipe(output);
  return output;
}

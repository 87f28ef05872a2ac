import { stat } from 'node:fs/promises';
import path, { posix } from 'node:path';
import { AlpaconMcpError, ErrorCode } from '../../core/index.js';
import { checkLocalPath, type LocalPathPolicy } from './local-path.js';
import { exists, fileExists } from './partial-file.js';

/** The local file an upload reads: every path rule, then it must exist and be a regular file. */
export async function uploadSource(localPath: string, policy: LocalPathPolicy): Promise<{ path: string; size: number }> {
  const checked = await checkLocalPath(localPath, 'local_file_path', policy);
  let info;
  try {
    info = await stat(checked);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new AlpaconMcpError(ErrorCode.NotFound, `The local file ${checked} does not exist.`, {
      hint: 'Check local_file_path; it must be an absolute path to an existing file.',
      details: { path: checked },
    });
  }
  if (!info.isFile()) {
    throw new AlpaconMcpError(ErrorCode.InvalidInput, `${checked} is not a regular file.`, {
      hint: 'Upload one file at a time; zip a folder first to send it whole.',
      details: { path: checked },
    });
  }
  return { path: checked, size: info.size };
}

/**
 * The local file a download writes. An existing folder receives the remote file by name (`.zip` for a folder);
 * an existing file is refused unless `overwrite`.
 */
export async function downloadTarget(
  localPath: string,
  remotePath: string,
  resourceType: 'file' | 'folder',
  overwrite: boolean,
  policy: LocalPathPolicy,
): Promise<string> {
  let checked = await checkLocalPath(localPath, 'local_file_path', policy);
  if (await isDirectory(checked)) {
    const name = (posix.basename(remotePath) || 'root') + (resourceType === 'folder' ? '.zip' : '');
    checked = await checkLocalPath(path.join(checked, name), 'local_file_path', policy);
    if (await isDirectory(checked)) throw fileExists(checked);
  }
  if (!overwrite && (await exists(checked))) throw fileExists(checked);
  return checked;
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}

import { stat } from 'node:fs/promises';
import path, { posix } from 'node:path';
import { AlpaconMcpError, ErrorCode } from '../../core/index.js';
import { checkLocalPath, type LocalPathPolicy } from './local-path.js';
import { exists, fileExists } from './partial-file.js';

/** The local file an upload reads: every path rule, then it must exist and be a regular file. */
export async function uploadSource(localPath: string, policy: LocalPathPolicy, field = 'local_file_path'): Promise<{ path: string; size: number }> {
  const checked = await checkLocalPath(localPath, field, policy);
  let info;
  try {
    info = await stat(checked);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new AlpaconMcpError(ErrorCode.NotFound, `The local file ${checked} does not exist.`, {
      hint: `Check ${field}; it must be an absolute path to an existing file.`,
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
  const name = (posix.basename(remotePath) || 'root') + (resourceType === 'folder' ? '.zip' : '');
  return localTarget(localPath, name, overwrite, policy);
}

/** The local .zip a bulk download writes: like downloadTarget, an existing folder receives `download.zip`. */
export function archiveTarget(localPath: string, overwrite: boolean, policy: LocalPathPolicy): Promise<string> {
  return localTarget(localPath, 'download.zip', overwrite, policy);
}

async function localTarget(localPath: string, nameInFolder: string, overwrite: boolean, policy: LocalPathPolicy): Promise<string> {
  let checked = await checkLocalPath(localPath, 'local_file_path', policy);
  if (await isDirectory(checked)) {
    checked = await checkLocalPath(path.join(checked, nameInFolder), 'local_file_path', policy);
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

import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { AlpaconMcpError, ErrorCode } from '../../core/index.js';

/** The rules a path must pass; a refusal carries the broken one in `details.rule`. */
export type PathRule =
  | 'absolute'
  | 'no_null_bytes'
  | 'no_parent_segments'
  | 'inside_local_roots'
  | 'no_symlink_escape'
  | 'remote_absolute'
  | 'remote_no_null_bytes'
  | 'remote_names_file';

const EXPLAIN: Record<PathRule, string> = {
  absolute: 'local paths must be absolute',
  no_null_bytes: 'local paths must not contain null bytes',
  no_parent_segments: 'local paths must not contain ".." segments',
  inside_local_roots: 'local paths must be inside the allowed local roots (webftp.localRoots)',
  no_symlink_escape: 'local paths must not lead outside the allowed local roots through a symbolic link',
  remote_absolute: 'remote paths must be absolute (start with "/")',
  remote_no_null_bytes: 'remote paths must not contain null bytes',
  remote_names_file: 'the remote path must end with a file name, not "/"',
};

export class PathRefusedError extends AlpaconMcpError {
  constructor(readonly rule: PathRule, field: string, roots?: readonly string[]) {
    const where = roots ? ` Allowed roots: ${roots.join(', ')}.` : '';
    super(ErrorCode.PathRefused, `${field} refused by rule "${rule}": ${EXPLAIN[rule]}.${where}`, {
      hint: rule.startsWith('remote')
        ? 'Give the full remote path, e.g. /home/user/file.txt.'
        : 'Give an absolute local path inside one of the allowed roots; webftp.localRoots in .alpaconrc sets them.',
      details: { rule, field },
    });
  }
}

export interface LocalPathPolicy {
  roots: readonly string[];
  /** `path.win32` on Windows; injectable so the Windows rules can be tested anywhere. */
  pathApi?: path.PlatformPath;
}

const isWin32 = (api: path.PlatformPath) => api.sep === '\\';

/** The lexical rules (no file system access): absolute, no null bytes, no "..", inside a root. Returns the normalized path. */
export function checkLocalPathText(value: string, field: string, policy: LocalPathPolicy): string {
  const api = policy.pathApi ?? path;
  if (value.includes('\0')) throw new PathRefusedError('no_null_bytes', field);
  // On Windows "\foo" is absolute to path.win32 but depends on the current drive: require a drive or a UNC share.
  const absolute = isWin32(api) ? /^([a-zA-Z]:[\\/]|\\\\[^\\/]+[\\/][^\\/]+)/.test(value) : api.isAbsolute(value);
  if (!absolute) throw new PathRefusedError('absolute', field);
  const segments = value.split(isWin32(api) ? /[\\/]/ : '/');
  if (segments.includes('..')) throw new PathRefusedError('no_parent_segments', field);
  const normalized = api.resolve(value);
  if (!policy.roots.some((root) => isInside(api.resolve(root), normalized, api))) {
    throw new PathRefusedError('inside_local_roots', field, policy.roots);
  }
  return normalized;
}

/**
 * All rules, including symbolic links: the real location of the path (or, for a file still to be written, of its
 * nearest existing ancestor) must be inside the real location of a root.
 */
export async function checkLocalPath(value: string, field: string, policy: LocalPathPolicy): Promise<string> {
  const api = policy.pathApi ?? path;
  const normalized = checkLocalPathText(value, field, policy);
  const real = await realpathLoose(normalized, api);
  const realRoots = await Promise.all(policy.roots.map((root) => realpathLoose(api.resolve(root), api)));
  if (!realRoots.some((root) => isInside(root, real, api))) throw new PathRefusedError('no_symlink_escape', field, policy.roots);
  return normalized;
}

/** Remote paths are POSIX paths on the server: absolute and free of null bytes. */
export function checkRemotePath(value: string, field: string, options: { namesFile?: boolean } = {}): string {
  if (value.includes('\0')) throw new PathRefusedError('remote_no_null_bytes', field);
  if (!value.startsWith('/')) throw new PathRefusedError('remote_absolute', field);
  if (options.namesFile && (value.endsWith('/') || value.split('/').pop() === '..' || value.split('/').pop() === '.')) {
    throw new PathRefusedError('remote_names_file', field);
  }
  return value;
}

function isInside(root: string, candidate: string, api: path.PlatformPath): boolean {
  const fold = (p: string) => (isWin32(api) ? p.toLowerCase() : p);
  const relative = api.relative(fold(root), fold(candidate));
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${api.sep}`) && !api.isAbsolute(relative));
}

/** realpath of the nearest existing ancestor, with the not-yet-existing rest appended. */
async function realpathLoose(target: string, api: path.PlatformPath): Promise<string> {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      return api.join(await realpath(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = api.dirname(current);
      if (parent === current) return target;
      rest.push(api.basename(current));
      current = parent;
    }
  }
}

import os from 'node:os';
import path from 'node:path';
import { type AlpaconConfig, ConfigError } from '../../core/index.js';

/** The plugin's `webftp` section of `.alpaconrc`, validated. */
export interface WebftpSettings {
  /** Absolute local folders that uploads may read from and downloads may write into. */
  localRoots: string[];
}

export const WEBFTP_SETTINGS = Symbol.for('alpacon-mcp:webftp:settings');
export const PRESIGNED = Symbol.for('alpacon-mcp:webftp:presigned');

const KNOWN_KEYS = ['localRoots'];

/** Reads `config.sections.webftp`; throws one ConfigError naming every problem. Default roots: home and working directory. */
export function readWebftpSettings(config: AlpaconConfig, pathApi: path.PlatformPath = path): WebftpSettings {
  const section = config.sections.webftp ?? {};
  const problems: string[] = [];
  for (const key of Object.keys(section)) {
    if (!KNOWN_KEYS.includes(key)) problems.push(`unknown key "webftp.${key}" (known keys: ${KNOWN_KEYS.join(', ')})`);
  }
  let localRoots = [os.homedir(), process.cwd()];
  const roots = section.localRoots;
  if (roots !== undefined) {
    if (!Array.isArray(roots) || roots.length === 0 || !roots.every((r): r is string => typeof r === 'string' && r.length > 0)) {
      problems.push('"webftp.localRoots" must be a non-empty list of absolute folder paths');
    } else {
      for (const root of roots) {
        if (!pathApi.isAbsolute(root) || root.includes('\0')) problems.push(`"webftp.localRoots" entry "${root}" is not an absolute path`);
      }
      localRoots = roots;
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(problems.join('; '), config.source, 'Fix the "webftp" section of the configuration and start again.');
  }
  return { localRoots: [...new Set(localRoots.map((r) => pathApi.resolve(r)))] };
}

import os from 'node:os';
import path from 'node:path';
import { ArrayMinSize, ConfigError, IsArray, IsNotEmpty, IsOptional, IsString, JSONSchema } from '../../core/index.js';

/** The plugin's `webftp` section of `.alpaconrc`, validated. */
export interface WebftpSettings {
  /** Absolute local folders that uploads may read from and downloads may write into. */
  localRoots: string[];
}

export const WEBFTP_SETTINGS = Symbol.for('alpacon-mcp:webftp:settings');
export const PRESIGNED = Symbol.for('alpacon-mcp:webftp:presigned');

/** The `webftp` section of `.alpaconrc`. */
export class WebftpSettingsInput {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @JSONSchema({ type: 'array', items: { type: 'string' }, description: 'Absolute local folders WebFTP may read from and write to (default: home and working directory)' })
  localRoots?: string[];
}

/** The roots as absolute, resolved folders; a relative root stops the server at start-up with a ConfigError. */
export function readWebftpSettings(section: WebftpSettingsInput, source?: string, pathApi: path.PlatformPath = path): WebftpSettings {
  const roots = section.localRoots ?? [os.homedir(), process.cwd()];
  const problems = roots
    .filter((root) => !pathApi.isAbsolute(root) || root.includes('\0'))
    .map((root) => `"webftp.localRoots" entry "${root}" is not an absolute path`);
  if (problems.length > 0) {
    throw new ConfigError(problems.join('; '), source, 'Fix the "webftp" section of the configuration and start again.');
  }
  return { localRoots: [...new Set(roots.map((r) => pathApi.resolve(r)))] };
}

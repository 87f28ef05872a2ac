import type { Region } from '../dto/checks/is-region.js';
import type { LogLevel } from '../logger.js';

export interface ToolSelection {
  include: string[];
  exclude: string[];
}

/** The one validated configuration every part of alpacon-mcp reads. */
export interface AlpaconConfig {
  /** Built-in short names and third-party package names. */
  plugins: string[];
  /** Base URL template for self-hosted Alpacon or the sandbox; may contain {workspace} and {region}. */
  baseUrl?: string;
  defaultRegion: Region;
  defaultWorkspace?: string;
  tools: ToolSelection;
  strictPlugins: boolean;
  /** Replaces the token file search. */
  tokenFile?: string;
  logLevel: LogLevel;
  http: { timeoutMs: number; retries: number };
  readOnly: boolean;
  disableDestructive: boolean;
  confirmDestructive: boolean;
  /** Publish tools' output schemas in tools/list (for clients that consume structured results by their schema). */
  outputSchemas: boolean;
  /** Sections of core features (`commands`, `audit`, `server`, `sandbox`) and of plugins (named after the plugin; validated by its settings DTO). */
  sections: Record<string, Record<string, unknown>>;
  /** Where the config came from (absent when only defaults apply), and the folder third-party plugins resolve from. */
  source?: string;
  baseDir: string;
}

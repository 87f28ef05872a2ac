import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeContext, type ContextDescription } from '../registry/context-registry.js';
import { describeInput, type JsonSchema } from '../registry/input-schema.js';
import type { ToolDescription } from '../registry/tool-definition.js';
import { describeTools, ToolRegistry } from '../registry/tool-registry.js';
import { CORE_VERSION } from '../version.js';
import type { PluginManifest } from './manifest.js';

/** A built file's size and modification time (ms) when the list was prepared. */
export type FileStamp = [size: number, mtimeMs: number];

/** Everything the server needs of a built-in plugin before its first call, described from its decorators at build time. */
export interface PreparedPlugin {
  description: string;
  instructions?: string;
  /** Arguments several of its tools share, explained in the server instructions instead of each schema. */
  sharedArguments?: Record<string, string>;
  /** The settings DTO as described (its section's known fields), when the plugin has settings. */
  settings?: JsonSchema;
  tools: ToolDescription[];
  context: ContextDescription;
  /** The plugin's built files, by path relative to the prepared file. */
  files?: Record<string, FileStamp>;
}

export interface PreparedPluginsFile {
  core: string;
  /** Core's built files whose code shapes the descriptions (DTOs, decorators, the registry). */
  files?: Record<string, FileStamp>;
  plugins: Record<string, PreparedPlugin>;
}

/** Describes the given plugins as a load would, with every check a load makes (the build step; the tests compare). */
export function preparePlugins(manifests: readonly PluginManifest[]): PreparedPluginsFile {
  const plugins: Record<string, PreparedPlugin> = {};
  const checker = new ToolRegistry({ defaulted: [] });
  const noInstance = (): never => {
    throw new Error('tools are not run while preparing');
  };
  for (const manifest of manifests) {
    const tools = describeTools(manifest);
    // Aliases and tool names are checked here as at a load, so a mistake fails the build rather than a user's first call.
    checker.commit(checker.prepare(manifest, noInstance, tools));
    plugins[manifest.name] = {
      description: manifest.description,
      ...(manifest.instructions !== undefined ? { instructions: manifest.instructions } : {}),
      ...(manifest.sharedArguments !== undefined ? { sharedArguments: manifest.sharedArguments } : {}),
      ...(manifest.settings ? { settings: describeInput(manifest.settings) } : {}),
      tools,
      context: describeContext(manifest),
    };
  }
  return { core: CORE_VERSION, plugins };
}

/** Size and mtime of every .js file under the folders (relative to `base`), keyed by path relative to `base`. */
export function stampFolders(base: string, folders: readonly string[]): Record<string, FileStamp> {
  const stamps: Record<string, FileStamp> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) stamps[path.relative(base, full).split(path.sep).join('/')] = stampOf(full);
    }
  };
  for (const folder of folders) walk(path.resolve(base, folder));
  return stamps;
}

function stampOf(file: string): FileStamp {
  const stat = statSync(file);
  return [stat.size, stat.mtimeMs];
}

/**
 * The prepared descriptions, each used only while the built files it was made from are unchanged (same sizes and mtimes as
 * at build time; a bare `tsc` rewrites them all). A plugin without a current description is imported and described at start.
 */
export class PreparedPlugins {
  private coreCurrent: boolean | undefined;
  private readonly checked = new Map<string, PreparedPlugin | undefined>();

  private constructor(
    private readonly file: PreparedPluginsFile | undefined,
    /** Folder the file's paths are relative to; undefined for descriptions made in memory, which have no files to check. */
    private readonly base: string | undefined,
  ) {}

  /** Reads the build step's file; a missing or unreadable file, or one of another core version, prepares nothing. */
  static load(file: string | URL | undefined): PreparedPlugins {
    if (file === undefined) return new PreparedPlugins(undefined, undefined);
    const filePath = file instanceof URL ? fileURLToPath(file) : file;
    try {
      const parsed = JSON.parse(readFileSync(filePath, 'utf8')) as PreparedPluginsFile;
      const usable = parsed.core === CORE_VERSION && typeof parsed.plugins === 'object' && parsed.files !== undefined;
      return new PreparedPlugins(usable ? parsed : undefined, path.dirname(filePath));
    } catch {
      return new PreparedPlugins(undefined, undefined);
    }
  }

  /** Descriptions made in memory (tests): nothing on disk to check them against. */
  static of(file: PreparedPluginsFile): PreparedPlugins {
    return new PreparedPlugins(file, undefined);
  }

  /** The plugin's description when it is current, else undefined. */
  current(name: string): PreparedPlugin | undefined {
    if (!this.checked.has(name)) {
      const entry = this.file?.plugins[name];
      this.checked.set(name, entry && this.coreUnchanged() && this.unchanged(entry.files) ? entry : undefined);
    }
    return this.checked.get(name);
  }

  private coreUnchanged(): boolean {
    this.coreCurrent ??= this.unchanged(this.file?.files);
    return this.coreCurrent;
  }

  private unchanged(files: Record<string, FileStamp> | undefined): boolean {
    const base = this.base;
    if (base === undefined) return true;
    if (files === undefined) return false;
    return Object.entries(files).every(([file, [size, mtime]]) => {
      const stat = statSync(path.join(base, file), { throwIfNoEntry: false });
      return stat !== undefined && stat.size === size && stat.mtimeMs === mtime;
    });
  }
}

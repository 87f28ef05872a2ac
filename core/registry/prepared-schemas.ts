import { readFileSync } from 'node:fs';
import type { Constructor } from '../decorators/metadata.js';
import { readToolMetadata } from '../decorators/metadata.js';
import type { PluginManifest } from '../plugins/manifest.js';
import { CORE_VERSION } from '../version.js';
import { inputFingerprint } from './input-fingerprint.js';
import { describeInput, type JsonSchema } from './input-schema.js';

/** Input schemas described at build time (`npm run build`), by plugin and tool, and each plugin's settings schema. */
export interface PreparedSchemasFile {
  core: string;
  plugins: Record<string, Record<string, PreparedSchema>>;
  settings?: Record<string, PreparedSchema>;
}

interface PreparedSchema {
  input: string;
  fingerprint: string;
  schema: JsonSchema;
}

/** Describes every tool input of the given plugins, for the build step. */
export function prepareSchemas(manifests: readonly PluginManifest[]): PreparedSchemasFile {
  const plugins: PreparedSchemasFile['plugins'] = {};
  const settings: NonNullable<PreparedSchemasFile['settings']> = {};
  for (const manifest of manifests) {
    if (manifest.settings) settings[manifest.name] = prepared(manifest.settings);
    const tools: Record<string, PreparedSchema> = {};
    for (const cls of manifest.tools) {
      for (const meta of readToolMetadata(cls)) {
        tools[meta.name] = prepared(meta.input);
      }
    }
    plugins[manifest.name] = tools;
  }
  return { core: CORE_VERSION, plugins, settings };
}

function prepared(input: Constructor): PreparedSchema {
  return { input: input.name, fingerprint: inputFingerprint(input), schema: describeInput(input) };
}

/**
 * Looks up prepared schemas. An entry is used only when it was made from the same DTO with the same decorators; anything
 * else (a third-party plugin, a tool added or changed since the build, a build with tsc alone) is described from its
 * decorators at load time, as before.
 */
export class PreparedSchemas {
  constructor(private readonly file: PreparedSchemasFile | undefined) {}

  /** Reads the build step's file; a missing or unreadable file means "describe everything at load time". */
  static load(path: string | URL | undefined): PreparedSchemas {
    if (path === undefined) return new PreparedSchemas(undefined);
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as PreparedSchemasFile;
      return new PreparedSchemas(parsed.core === CORE_VERSION && typeof parsed.plugins === 'object' ? parsed : undefined);
    } catch {
      return new PreparedSchemas(undefined);
    }
  }

  /** The prepared schema of a tool's input when it still matches the decorators, else a fresh description. */
  describe(plugin: string, tool: string, input: Constructor): JsonSchema {
    return PreparedSchemas.current(this.file?.plugins[plugin]?.[tool], input);
  }

  /** The same for a plugin's settings DTO. */
  describeSettings(plugin: string, input: Constructor): JsonSchema {
    return PreparedSchemas.current(this.file?.settings?.[plugin], input);
  }

  private static current(entry: PreparedSchema | undefined, input: Constructor): JsonSchema {
    if (entry && entry.input === input.name && entry.fingerprint === inputFingerprint(input)) return entry.schema;
    return describeInput(input);
  }
}

import { plainToInstance } from 'class-transformer';
import { validateSync } from '../dto/class-validator.js';
import { CORE_SECTION_KEYS } from '../config/validate-config.js';
import type { AlpaconConfig } from '../config/types.js';
import type { Constructor } from '../decorators/metadata.js';
import { ConfigError } from '../errors/index.js';
import { publishInputSchema, SchemaProblem } from '../registry/input-schema.js';
import { PreparedSchemas } from '../registry/prepared-schemas.js';
import { toProblems } from '../registry/validate-input.js';
import { checkManifest } from './check-manifest.js';
import type { BuiltinPlugins, LoadResult } from './load-plugins.js';
import type { PluginManifest } from './manifest.js';

/**
 * Validates every plugin section of the config with its plugin's settings DTO — built-ins that are not enabled included — and
 * returns each loaded plugin's settings. One ConfigError names every problem; a section of a skipped plugin is left alone.
 */
export async function validatePluginSections(
  config: AlpaconConfig,
  load: LoadResult,
  builtins: BuiltinPlugins,
  /** Settings schemas described at build time; whatever they lack is described here. */
  prepared: PreparedSchemas = new PreparedSchemas(undefined),
): Promise<Map<string, object>> {
  const problems: string[] = [];
  const loaded = new Map(load.loaded.map((p) => [p.manifest.name, p.manifest]));
  const skipped = new Set(load.failed.map((f) => f.status.name));
  const settings = new Map<string, object>();
  for (const [name, section] of Object.entries(config.sections)) {
    if ((CORE_SECTION_KEYS as readonly string[]).includes(name) || skipped.has(name)) continue;
    const builtin = builtins[name];
    const manifest = loaded.get(name) ?? (builtin ? checkManifest(name, await builtin()) : undefined);
    if (!manifest) continue;
    if (!manifest.settings) {
      problems.push(`"${name}": the ${name} plugin has no settings; remove this section`);
      continue;
    }
    const result = validateSection(manifest, manifest.settings, section, prepared);
    if (typeof result === 'string') problems.push(result);
    else settings.set(name, result);
  }
  for (const manifest of loaded.values()) {
    if (!manifest.settings || manifest.name in config.sections) continue;
    const result = validateSection(manifest, manifest.settings, {}, prepared);
    if (typeof result === 'string') problems.push(result);
    else settings.set(manifest.name, result);
  }
  if (problems.length > 0) throw new ConfigError(problems.join('; '), config.source, 'Fix the configuration file and start again.');
  return settings;
}

/** The section as an instance of the DTO (class defaults filled), or every problem in one line. */
function validateSection(manifest: PluginManifest, dto: Constructor, section: Record<string, unknown>, prepared: PreparedSchemas): object | string {
  let known: string[];
  try {
    known = Object.keys(publishInputSchema(dto.name, prepared.describeSettings(manifest.name, dto)).properties as object);
  } catch (error) {
    if (error instanceof SchemaProblem) return `"${manifest.name}": the plugin's settings are not described: ${error.message}`;
    throw error;
  }
  const instance = plainToInstance(dto as unknown as new () => object, section);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  const problems = errors.flatMap((e) => toProblems(e)).map((p) => {
    const field = `${manifest.name}.${p.field}`;
    const message = p.problems.map((m) => (m === 'is not a known argument' ? `is not a known setting (known: ${known.join(', ')})` : m));
    return `"${field}" ${message.join('; ')}`;
  });
  return problems.length > 0 ? problems.join('; ') : instance;
}

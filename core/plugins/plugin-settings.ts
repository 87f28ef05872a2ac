import { CORE_SECTION_KEYS } from '../config/validate-config.js';
import type { AlpaconConfig } from '../config/types.js';
import type { Constructor } from '../decorators/metadata.js';
import { ConfigError } from '../errors/index.js';
import { describeInput, publishInputSchema, SchemaProblem } from '../registry/input-schema.js';
import { validation, type Validation } from '../registry/validation.js';
import { toProblems } from '../registry/validate-input.js';
import { importManifest, type BuiltinPlugins, type LoadResult } from './load-plugins.js';
import type { PluginManifest } from './manifest.js';
import type { PreparedPlugins } from './prepared-plugins.js';

/**
 * Validates every plugin section of the config with its plugin's settings DTO — built-ins that are not enabled included — and
 * returns each loaded plugin's settings. One ConfigError names every problem; a section of a skipped plugin is left alone.
 */
export async function validatePluginSections(
  config: AlpaconConfig,
  load: LoadResult,
  builtins: BuiltinPlugins,
  /** Settings schemas described at build time; whatever they lack is described here. */
  prepared?: PreparedPlugins,
): Promise<Map<string, object>> {
  const problems: string[] = [];
  const loaded = new Map(load.loaded.map((p) => [p.manifest.name, p.manifest]));
  const skipped = new Set(load.failed.map((f) => f.status.name));
  const settings = new Map<string, object>();
  const check = (manifest: PluginManifest & { settings: Constructor }, section: Record<string, unknown>, machinery: Validation) => {
    const result = validateSection(manifest, manifest.settings, section, machinery, prepared);
    if (typeof result === 'string') problems.push(result);
    else settings.set(manifest.name, result);
  };
  const sections = Object.entries(config.sections).filter(([name]) => !(CORE_SECTION_KEYS as readonly string[]).includes(name) && !skipped.has(name));
  const unsectioned = [...loaded.values()].filter((m) => m.settings && !(m.name in config.sections));
  if (sections.length === 0 && unsectioned.length === 0) return settings;
  const machinery = await validation();
  for (const [name, section] of sections) {
    const builtin = builtins[name];
    const manifest = loaded.get(name) ?? (builtin ? await importManifest(name, builtin) : undefined);
    if (!manifest) continue;
    if (!manifest.settings) {
      problems.push(`"${name}": the ${name} plugin has no settings; remove this section`);
      continue;
    }
    check(manifest as PluginManifest & { settings: Constructor }, section, machinery);
  }
  for (const manifest of unsectioned) check(manifest as PluginManifest & { settings: Constructor }, {}, machinery);
  if (problems.length > 0) throw new ConfigError(problems.join('; '), config.source, 'Fix the configuration file and start again.');
  return settings;
}

/** A plugin's settings from an empty section (class defaults): for a built-in imported on its first call. */
export async function defaultSettings(manifest: PluginManifest, source: string | undefined, prepared?: PreparedPlugins): Promise<object | undefined> {
  if (!manifest.settings) return undefined;
  const result = validateSection(manifest, manifest.settings, {}, await validation(), prepared);
  if (typeof result === 'string') throw new ConfigError(result, source, 'Fix the configuration file and start again.');
  return result;
}

/** The section as an instance of the DTO (class defaults filled), or every problem in one line. */
function validateSection(
  manifest: PluginManifest,
  dto: Constructor,
  section: Record<string, unknown>,
  { plainToInstance, validateSync }: Validation,
  prepared: PreparedPlugins | undefined,
): object | string {
  let known: string[];
  try {
    const described = prepared?.current(manifest.name)?.settings ?? describeInput(dto);
    known = Object.keys(publishInputSchema(dto.name, described).properties as object);
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

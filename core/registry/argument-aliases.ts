import { InvalidInputError, type FieldProblem } from '../errors/index.js';

/** How another name for an argument (the Python alpacon-mcp server's, mostly) becomes the tool's own argument. */
export interface ArgumentAliasRule {
  /**
   * The argument it stands for; a dotted path (`changes.timezone`) puts the value inside an object argument. The alias's own
   * name converts the Python form of a value of the same argument (`"cpu,memory"` for a list). Left out, the argument is
   * accepted (with the values `convert` lets through) and dropped, being what the tool does anyway.
   */
  to?: string;
  /**
   * Turns the value into the canonical one; `undefined` drops it (a false "only" switch filters nothing). Throw InvalidInputError
   * to refuse a value that has no equivalent. With `merges`, also receives the canonical argument's value.
   */
  convert?: (value: unknown, canonical: unknown) => unknown;
  /** The canonical argument may be given too: `convert` combines both instead of the pair being refused as a clash. */
  merges?: boolean;
  /** Arguments the alias implies (`file_content` is base64); giving one of them with another value is a clash. */
  implies?: Readonly<Record<string, unknown>>;
  /** What changes besides the name, for docs/migrating.md. */
  note?: string;
}

export type ArgumentAlias = string | ArgumentAliasRule;
/** Alias name → what it maps to. Aliases are accepted in calls but never published in the tool's schema. */
export type ArgumentAliases = Readonly<Record<string, ArgumentAlias>>;

export function aliasRule(alias: ArgumentAlias): ArgumentAliasRule {
  return typeof alias === 'string' ? { to: alias } : alias;
}

/** The argument an alias leads to (its top-level name), or undefined for one that is accepted and dropped. */
export function aliasTarget(name: string, alias: ArgumentAlias): string | undefined {
  const to = aliasRule(alias).to;
  return to === undefined ? undefined : (to.split('.')[0] ?? name);
}

/**
 * Rewrites aliased arguments to the tool's own names before validation. An alias given together with the argument it stands
 * for is refused (invalid_input) rather than silently preferring one of them.
 */
export function resolveAliases(args: unknown, aliases: ArgumentAliases | undefined): unknown {
  if (!aliases || typeof args !== 'object' || args === null || Array.isArray(args)) return args;
  const given = args as Record<string, unknown>;
  // An odd prototype (a parsed `__proto__`) is left for validation to refuse; copying would hide it.
  const prototype: unknown = Object.getPrototypeOf(given);
  if (prototype !== Object.prototype && prototype !== null) return args;
  const used = Object.keys(aliases).filter((name) => Object.hasOwn(given, name));
  if (used.length === 0) return args;
  const out: Record<string, unknown> = { ...given };
  const problems: FieldProblem[] = [];
  for (const name of used) {
    const rule = aliasRule(aliases[name]);
    if (rule.to !== name) delete out[name];
    try {
      place(out, name, rule, given[name], problems);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      problems.push(...error.fields);
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return out;
}

function place(out: Record<string, unknown>, name: string, rule: ArgumentAliasRule, value: unknown, problems: FieldProblem[]): void {
  const clash = (canonical: string) =>
    problems.push({ field: name, problems: [`is another name for ${canonical}; give only one of ${name} and ${canonical}`] });
  const convert = (canonical: unknown) => (rule.convert && value !== null ? rule.convert(value, canonical) : value);
  if (rule.to === undefined) return void convert(undefined);
  const [top, inner] = rule.to.split('.', 2);

  if (top === name) {
    const converted = convert(undefined);
    if (converted === undefined) delete out[name];
    else out[name] = converted;
  } else if (inner === undefined) {
    const current = out[top];
    if (current !== undefined && !rule.merges) return void clash(top);
    const converted = convert(current);
    if (converted !== undefined) out[top] = converted;
  } else {
    const holder = out[top] ?? {};
    if (typeof holder !== 'object' || holder === null || Array.isArray(holder)) return void clash(top);
    if (Object.hasOwn(holder, inner)) return void clash(rule.to);
    const converted = convert(undefined);
    if (converted !== undefined) out[top] = { ...holder, [inner]: converted };
  }
  for (const [key, implied] of Object.entries(rule.implies ?? {})) {
    if (out[key] !== undefined && out[key] !== implied) {
      problems.push({ field: name, problems: [`means ${key} ${JSON.stringify(implied)}; leave ${key} out or set it so`] });
    } else out[key] = implied;
  }
}

/**
 * A Python argument kept for compatibility only: accepted with the values that describe what the tool does anyway (dropped),
 * refused with `why` otherwise.
 */
export function acceptedOnly(field: string, values: readonly unknown[], why: string): ArgumentAliasRule {
  return {
    convert: (value) => {
      if (!values.includes(value)) throw new InvalidInputError([{ field, problems: [why] }]);
      return undefined;
    },
    note: `accepted only as ${values.map((v) => JSON.stringify(v)).join(' or ')}; ${why}`,
  };
}

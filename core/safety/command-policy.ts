import { AlpaconMcpError, ConfigError, ErrorCode } from '../errors/index.js';
import { findInlineSecret } from './inline-secrets.js';

export interface CommandPolicyConfig {
  /** When non-empty, a command must match one of these regular expressions. */
  allow: RegExp[];
  /** A command matching any of these is refused (checked before allow). */
  deny: RegExp[];
  /** Whether commands may use sudo. */
  sudo: boolean;
}

/** Reads the `commands` section of `.alpaconrc`; invalid patterns are config errors naming them. */
export function parseCommandPolicy(section: Record<string, unknown> | undefined, source?: string): CommandPolicyConfig {
  const s = section ?? {};
  for (const key of Object.keys(s)) {
    if (!['allow', 'deny', 'sudo'].includes(key)) throw new ConfigError(`unknown key "commands.${key}" (known: allow, deny, sudo)`, source);
  }
  const patterns = (key: 'allow' | 'deny'): RegExp[] => {
    const value = s[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw new ConfigError(`"commands.${key}" must be a list of regular expressions`, source);
    }
    return value.map((p: string) => {
      try {
        return new RegExp(p);
      } catch (error) {
        throw new ConfigError(`"commands.${key}" has an invalid regular expression ${JSON.stringify(p)}: ${(error as Error).message}`, source);
      }
    });
  };
  if (s.sudo !== undefined && typeof s.sudo !== 'boolean') throw new ConfigError('"commands.sudo" must be true or false', source);
  return { allow: patterns('allow'), deny: patterns('deny'), sudo: s.sudo !== false };
}

const SUDO = /(^|[;&|(`]|\$\()\s*(sudo|doas)(\s|$)/;

/** Checks one command line against the policy; throws a `policy_denied` / `inline_credential` error naming the rule. */
export function checkCommand(line: string, policy: CommandPolicyConfig): void {
  const deny = policy.deny.find((re) => re.test(line));
  if (deny) {
    throw new AlpaconMcpError(ErrorCode.PolicyDenied, `The command policy refuses this command (commands.deny ${deny.source}).`, {
      hint: 'This server is configured to refuse such commands; choose another command or ask the operator to change commands.deny.',
      details: { rule: `commands.deny`, pattern: deny.source },
    });
  }
  if (policy.allow.length > 0 && !policy.allow.some((re) => re.test(line))) {
    throw new AlpaconMcpError(ErrorCode.PolicyDenied, 'The command policy allows only commands matching commands.allow; this one matches none.', {
      hint: `Allowed patterns: ${policy.allow.map((re) => re.source).join(', ')}`,
      details: { rule: 'commands.allow' },
    });
  }
  if (!policy.sudo && SUDO.test(line)) {
    throw new AlpaconMcpError(ErrorCode.PolicyDenied, 'The command policy forbids sudo (commands.sudo is false).', {
      hint: 'Run the command without sudo, or as another user with the username parameter if the tool has one.',
      details: { rule: 'commands.sudo' },
    });
  }
  const secret = findInlineSecret(line);
  if (secret) {
    throw new AlpaconMcpError(ErrorCode.InlineCredential, `The command carries a secret inline (${secret}); it was not sent.`, {
      hint: 'Pass secrets as environment variables (the env parameter) and reference them as $NAME in the command.',
      details: { rule: 'inline secret', kind: secret },
    });
  }
}

/** Every command line held in the named input fields (strings or lists of strings). */
export function commandLines(input: object, fields: readonly string[]): string[] {
  const record = input as Record<string, unknown>;
  return fields.flatMap((field) => {
    const value = record[field];
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
    return [];
  });
}

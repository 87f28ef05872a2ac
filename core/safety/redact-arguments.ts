import { redactSecrets } from '../security/secrets.js';

const SECRET_KEY = /pass(word)?|secret|token|api_?key|credential|private_?key|^env$/i;
const MAX_STRING = 2_000;

/** A copy of tool arguments safe to write to an audit log: secret-looking keys masked, long strings cut, known tokens removed. */
export function redactArguments(input: object): Record<string, unknown> {
  return JSON.parse(redactSecrets(JSON.stringify(input, replacer))) as Record<string, unknown>;
}

function replacer(key: string, value: unknown): unknown {
  if (key && SECRET_KEY.test(key) && value !== undefined && value !== null) {
    if (typeof value === 'object' && !Array.isArray(value)) return Object.fromEntries(Object.keys(value).map((k) => [k, '[redacted]']));
    return '[redacted]';
  }
  if (typeof value === 'string' && value.length > MAX_STRING) return `${value.slice(0, MAX_STRING)}… (${value.length} chars)`;
  return value;
}

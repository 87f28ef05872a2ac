/**
 * Every token value alpacon-mcp has seen is registered here, so that any text leaving the process
 * (logs, errors, tool results, audit lines) can be scrubbed of it, whatever path it took.
 */
const known = new Set<string>();
const MIN_SECRET_LENGTH = 6;

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) known.add(value);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out.replace(/(Authorization["']?\s*[:=]\s*["']?)(token=?"?|Bearer\s+)[^"',\s}]+/gi, '$1$2[redacted]');
}

/** Show that a token exists without revealing it: first and last two characters. */
export function maskToken(token: string): string {
  if (token.length <= 8) return '****';
  return `${token.slice(0, 2)}…${token.slice(-2)} (${token.length} chars)`;
}

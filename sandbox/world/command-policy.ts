/**
 * Inline credentials the real API refuses with `command_inline_credential` (secrets belong in `env`):
 * `mysql -psecret`, `--password=x`, `PASSWORD=x cmd`, `user:pass@host` URLs.
 */
const INLINE_CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /(^|\s)-p(?!\s)\S+/,
  /(^|\s)--pass(word)?[=\s]+\S+/i,
  /(^|[\s;&|])[A-Z0-9_]*(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY)=\S+/,
  /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i,
];

export function hasInlineCredential(line: string): boolean {
  return INLINE_CREDENTIAL_PATTERNS.some((pattern) => pattern.test(line));
}

/** Shapes of secrets typed straight into a command line, which Alpacon itself refuses (`command_inline_credential`). */
const INLINE_SECRET_PATTERNS: readonly { rule: string; pattern: RegExp }[] = [
  { rule: 'password option', pattern: /(^|\s)--?(password|passwd|pass|pwd)(=|\s+)(?!["']?\$)\S+/i },
  { rule: 'mysql-style -p<password>', pattern: /\b(mysql|mysqldump|mariadb|mysqladmin)\b[^|;&]*\s-p(?!["']?\$)\S+/i },
  { rule: 'sshpass -p', pattern: /\bsshpass\b[^|;&]*\s-p\s*\S+/i },
  { rule: 'secret environment assignment', pattern: /(^|[\s;&|])(\w*(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY)\w*)=(?!["']?\$)\S+/i },
  { rule: 'credentials in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i },
  { rule: 'authorization header', pattern: /authorization:\s*(bearer|basic|token)\s+\S+/i },
];

/** Returns the name of the rule a command line breaks by carrying a secret inline, or undefined. */
export function findInlineSecret(line: string): string | undefined {
  return INLINE_SECRET_PATTERNS.find(({ pattern }) => pattern.test(line))?.rule;
}

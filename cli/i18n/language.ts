/** The message languages and the choice among them, apart from the catalogues so the plain server start need not load them. */
export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ko';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language asked for: `--lang X` / `--lang=X` on the command line, then ALPACON_MCP_LANG, then Korean.
 * Read before commander parses, because the help text itself is translated. An unknown value is returned as `invalid`.
 */
export function pickLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): { language: Language; invalid?: string } {
  let asked: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--') break;
    if (argv[i] === '--lang') asked = argv[i + 1];
    else if (argv[i].startsWith('--lang=')) asked = argv[i].slice('--lang='.length);
  }
  asked ??= env.ALPACON_MCP_LANG || undefined;
  if (asked === undefined) return { language: DEFAULT_LANGUAGE };
  const normalized = asked.toLowerCase().split(/[-_.]/)[0];
  return isLanguage(normalized) ? { language: normalized } : { language: DEFAULT_LANGUAGE, invalid: asked };
}

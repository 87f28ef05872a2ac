import { en, type Messages } from './en.js';
import { ko } from './ko.js';
import type { Language } from './language.js';

export type { Messages } from './en.js';
export { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, pickLanguage, type Language } from './language.js';

const CATALOGUES: Record<Language, Messages> = { ko, en };

export function messagesFor(language: Language): Messages {
  return CATALOGUES[language];
}

/** The languages of the hall: the client's catalogues, the server's messages and the templates. */
export const LANGUAGES = ['zh-CN', 'en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

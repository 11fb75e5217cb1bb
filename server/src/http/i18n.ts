/**
 * The server's own wording of error codes, read from the client's translation files so that each
 * message exists once per language.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@common/i18n';

export { DEFAULT_LANGUAGE, LANGUAGES, type Language };

type Catalogue = { [key: string]: string | Catalogue };

export class Messages {
  private readonly catalogues = new Map<Language, Catalogue>();

  constructor(i18nDir: string) {
    for (const lang of LANGUAGES) {
      const file = JSON.parse(readFileSync(path.join(i18nDir, `${lang}.json`), 'utf8')) as Catalogue;
      this.catalogues.set(lang, file);
    }
  }

  /** `section.key` in `lang`, with `{{name}}` placeholders filled; the key itself when there is no text. */
  t(lang: Language, key: string, params: Record<string, string | number> = {}): string {
    let node: string | Catalogue | undefined = this.catalogues.get(lang);
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') return key;
    return fillPlaceholders(node, params);
  }

  /** The texts of a section whose entries are all texts (`fieldErrors`), for code that words many messages at once. */
  texts(lang: Language, section: string): Record<string, string> {
    const node = this.catalogues.get(lang)?.[section];
    if (typeof node !== 'object') return {};
    return Object.fromEntries(Object.entries(node).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
}

/** `text` with its `{{name}}` placeholders filled from `params`. */
export function fillPlaceholders(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Picks the first supported language of an Accept-Language header. */
export function pickLanguage(header: string | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
    if (tag.startsWith('es')) return 'es';
  }
  return DEFAULT_LANGUAGE;
}

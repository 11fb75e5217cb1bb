/**
 * The templates' words come from the client's translation catalogues (client/public/i18n), so a header
 * or an option reads the same on the screen and in the workbook wherever the wording is the same, and
 * every text exists once per language. A key missing from any catalogue stops the import, naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Language } from '@common/i18n';

type Catalogue = { [key: string]: string | Catalogue };

export type Localised = Readonly<Record<Language, string>>;

/** The catalogues' folder, the nearest above this code: it runs from templates/ and, bundled, from dist/server/. */
function catalogueFolder(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    const folder = path.join(dir, 'client', 'public', 'i18n');
    if (existsSync(folder)) return folder;
    if (path.dirname(dir) === dir) throw new Error(`no client/public/i18n above ${import.meta.dirname}`);
  }
}

const FOLDER = catalogueFolder();
const CATALOGUES = new Map<Language, Catalogue>(
  LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(path.join(FOLDER, `${lang}.json`), 'utf8')) as Catalogue]),
);

/** The text of `key` in `lang`, or undefined when the catalogue has none there. */
export function catalogueText(lang: Language, key: string): string | undefined {
  let node: string | Catalogue | undefined = CATALOGUES.get(lang);
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** `key` in every language. */
export function localised(key: string): Localised {
  const entries = LANGUAGES.map((lang) => {
    const text = catalogueText(lang, key);
    if (text === undefined) throw new Error(`The ${lang} catalogue has no text for ${key}`);
    return [lang, text] as const;
  });
  return Object.fromEntries(entries) as Record<Language, string>;
}

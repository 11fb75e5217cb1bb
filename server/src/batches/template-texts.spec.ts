import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Language } from '@common/i18n';
import { TEMPLATE_OF } from '../../../templates';
import { SHEET_TEXTS, type Localised } from '../../../templates/template-definition';

type Catalogue = { [key: string]: string | Catalogue };
const CATALOGUES = Object.fromEntries(
  LANGUAGES.map((lang) => [
    lang,
    JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../client/public/i18n', `${lang}.json`), 'utf8')) as Catalogue,
  ]),
) as Record<Language, Catalogue>;

/** Every catalogue key with its text, `section.key` → text. */
function entries(node: Catalogue, prefix = ''): [string, string][] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value] as [string, string]] : entries(value, `${prefix}${key}.`),
  );
}

/** The key whose text is `localised` in every language, or null when none is. */
function keyOf(localised: Localised): string | null {
  const texts = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Map(entries(CATALOGUES[lang]).map(([k, v]) => [k, v]))]));
  for (const [key, zh] of entries(CATALOGUES['zh-CN'])) {
    if (zh === localised['zh-CN'] && LANGUAGES.every((lang) => texts[lang].get(key) === localised[lang])) return key;
  }
  return null;
}

/** Where the screens word each template's fields: the insured person's, the base declaration's and the assisted list's own pages. */
const SCREEN_LABELS: Record<keyof typeof TEMPLATE_OF, string[]> = {
  addition: ['insured.fields'],
  reduction: ['insured.fields'],
  'base-declaration': ['insured.fields', 'baseDeclaration.fields'],
  'assisted-persons': ['insured.fields', 'assisted.fields'],
};

describe('the templates’ words', () => {
  for (const def of Object.values(TEMPLATE_OF)) {
    it(`of the ${def.kind} template are catalogue entries in every language: headers, options, descriptions, notes`, () => {
      const texts: [string, Localised][] = [
        ['sheet name', def.sheetName],
        ...def.notes.map((note, i): [string, Localised] => [`note ${i + 1}`, note]),
        ...def.columns.flatMap((column): [string, Localised][] => [
          [`${column.key} header`, column.header],
          [`${column.key} description`, column.description],
          ...(column.options ?? []).map((option): [string, Localised] => [`${column.key} option ${option.code}`, option.label]),
        ]),
      ];
      for (const [what, localised] of texts) expect(keyOf(localised)).withContext(`${what}: ${localised['zh-CN']}`).not.toBeNull();
    });

    it(`of the ${def.kind} template are the screens’ labels where the wording is the same`, () => {
      for (const column of def.columns) {
        const onScreen = SCREEN_LABELS[def.kind].some((section) =>
          LANGUAGES.every((lang) => entries(CATALOGUES[lang]).find(([k]) => k === `${section}.${column.key}`)?.[1] === column.header[lang]),
        );
        if (onScreen) continue;
        expect(keyOf(column.header)).withContext(column.key).toBe(`batch.workbook.headers.${column.key}`);
      }
    });
  }

  it('shared by every template are catalogue entries in every language', () => {
    const { formats, ...words } = SHEET_TEXTS['zh-CN'];
    const inEveryLanguage = (text: (lang: Language) => string) => Object.fromEntries(LANGUAGES.map((lang) => [lang, text(lang)])) as Localised;
    for (const word of Object.keys(words) as (keyof typeof words)[]) {
      expect(keyOf(inEveryLanguage((lang) => SHEET_TEXTS[lang][word])))
        .withContext(word)
        .not.toBeNull();
    }
    for (const kind of Object.keys(formats) as (keyof typeof formats)[]) {
      expect(keyOf(inEveryLanguage((lang) => SHEET_TEXTS[lang].formats[kind])))
        .withContext(kind)
        .not.toBeNull();
    }
  });
});

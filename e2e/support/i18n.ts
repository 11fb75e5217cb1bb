/** Expected texts come from the translation files themselves, so the tests check what a user of each language reads. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../../common/i18n';

type Tree = { [key: string]: string | Tree };
const cache = new Map<string, Tree>();

export function text(lang: Language, key: string): string {
  if (!cache.has(lang)) {
    const file = path.resolve(import.meta.dirname, '../../client/public/i18n', `${lang}.json`);
    cache.set(lang, JSON.parse(readFileSync(file, 'utf8')));
  }
  let node: string | Tree = cache.get(lang)!;
  for (const part of key.split('.')) {
    if (typeof node === 'string' || !(part in node)) throw new Error(`no translation ${lang}:${key}`);
    node = node[part];
  }
  if (typeof node !== 'string') throw new Error(`not a text: ${lang}:${key}`);
  return node;
}

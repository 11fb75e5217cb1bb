/**
 * A person's name (姓名) as every form, import and API request takes it: letters of any script, with
 * single spaces, middle dots (minority names such as 买买提·艾力), apostrophes, hyphens and full stops
 * between them (O'Brien, Anne-Marie, J. R. Smith Jr.). Digits, symbols (so no formula), control and
 * invisible characters are refused.
 */
import { hasControlCharacter, hasInvisibleCharacter } from './invisible';

export const PERSON_NAME_MAX_LENGTH = 50;

export type PersonNameProblem = 'REQUIRED' | 'TOO_LONG' | 'NAME_FORMAT' | 'NAME_INVISIBLE_CHARACTER';

export type PersonNameResult = { ok: true; name: string } | { ok: false; problem: PersonNameProblem };

/** Words of letters (with their combining marks), joined by one separator; a final full stop for "Jr.". */
const NAME = /^\p{L}[\p{L}\p{M}]*(?:(?:\. ?|[ ·'-])\p{L}[\p{L}\p{M}]*)*\.?$/u;

/**
 * The stored form of a name: NFC; any run of spaces (no-break and ideographic ones included) one space;
 * the middle dot's look-alikes typed by Chinese input methods (•, ．, ・, ‧, ∙, ⋅) the standard U+00B7,
 * without spaces around it; typographic apostrophes and hyphens the ASCII ones. So the same name typed
 * twice compares equal to the one registered.
 */
export function normalisePersonName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ ?[·•．・･‧∙⋅] ?/g, '·')
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[‐‑‒–]/g, '-');
}

export function checkPersonName(raw: string): PersonNameResult {
  if (hasInvisibleCharacter(raw) || hasControlCharacter(raw)) return { ok: false, problem: 'NAME_INVISIBLE_CHARACTER' };
  const name = normalisePersonName(raw);
  if (name === '') return { ok: false, problem: 'REQUIRED' };
  if (name.length > PERSON_NAME_MAX_LENGTH) return { ok: false, problem: 'TOO_LONG' };
  return NAME.test(name) ? { ok: true, name } : { ok: false, problem: 'NAME_FORMAT' };
}

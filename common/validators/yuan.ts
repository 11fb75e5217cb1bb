/**
 * A wage in yuan as a person types or pastes it → integer fen, the one reading for the addition form
 * and the spreadsheet importer. Read digit by digit from the text (a number cell arrives as the
 * shortest text that round-trips, e.g. `4800.5`), so no binary fraction ever holds money.
 */
import { MAX_WAGE_FEN } from '../api/limits';

// Full-width mode of a Chinese IME types ０–９ and ，.
const FULL_WIDTH_DIGIT = /[０-９]/g;
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{0,2}))?$/;

/**
 * `¥4,800.50元` → `480050`. Accepts full-width digits, ASCII or full-width commas between groups of
 * three digits, a ¥/￥ before and a 元 after, a trailing `.`; at most two decimals. Null for anything
 * else, for nothing and for more than the schema's maximum.
 */
export function wageFenFromYuan(text: string): number | null {
  const fen = fenFromYuan(text);
  return fen !== null && fen > 0 && fen <= MAX_WAGE_FEN ? fen : null;
}

/** An amount written as {@link wageFenFromYuan} reads it, zero and any size included: the importer says which limit it misses. */
export function fenFromYuan(text: string): number | null {
  const ascii = text
    .trim()
    .replace(FULL_WIDTH_DIGIT, (digit) => String(digit.charCodeAt(0) - 0xff10))
    .replace(/，/g, ',')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '');
  const match = AMOUNT.exec(ascii);
  if (!match) return null;
  return Number(match[1].replace(/,/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

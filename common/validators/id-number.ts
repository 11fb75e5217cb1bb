/** Resident identity number checks per GB 11643-1999 (see shared/domain.md). */
import { hasInvisibleCharacter } from './invisible';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Province-level codes (the first two digits), including Hong Kong, Macao and Taiwan (81, 82, 83, 71). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

export type IdNumberProblem =
  | 'ID_NUMBER_REQUIRED'
  | 'ID_NUMBER_INVISIBLE_CHARACTER'
  | 'ID_NUMBER_LEGACY_15'
  | 'ID_NUMBER_FORMAT'
  | 'ID_NUMBER_PROVINCE'
  | 'ID_NUMBER_BIRTH_DATE'
  | 'ID_NUMBER_CHECKSUM';

export interface IdNumberFacts {
  /** Normalised: trimmed, a trailing x upper-cased. */
  idNumber: string;
  sex: 'male' | 'female';
  /** `YYYY-MM-DD` */
  birthDate: string;
}

export type IdNumberResult = { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdNumberProblem };

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Checks an 18-character resident ID number. `today` bounds the birth date, so the caller's
 * injectable clock decides what "in the future" means.
 */
export function checkIdNumber(raw: string, today: Date): IdNumberResult {
  if (hasInvisibleCharacter(raw)) return { ok: false, problem: 'ID_NUMBER_INVISIBLE_CHARACTER' };
  const value = raw.trim().toUpperCase();
  if (value === '') return { ok: false, problem: 'ID_NUMBER_REQUIRED' };
  if (/^\d{15}$/.test(value)) return { ok: false, problem: 'ID_NUMBER_LEGACY_15' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'ID_NUMBER_FORMAT' };
  if (!PROVINCE_CODES.has(Number(value.slice(0, 2)))) return { ok: false, problem: 'ID_NUMBER_PROVINCE' };
  return checkedFacts(value, today);
}

/** An 18-character number: the birth date (7th–14th) must be real and past; then the check character decides. */
function checkedFacts(value: string, today: Date): IdNumberResult {
  const birthDate = realBirthDate(value.slice(6, 14), today);
  if (!birthDate) return { ok: false, problem: 'ID_NUMBER_BIRTH_DATE' };
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'ID_NUMBER_CHECKSUM' };
  return { ok: true, facts: { idNumber: value, sex: sexOf(value[16]), birthDate } };
}

function realBirthDate(birth: string, today: Date): string | null {
  const year = Number(birth.slice(0, 4));
  const month = Number(birth.slice(4, 6));
  const day = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && date.getTime() <= today.getTime() ? `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}` : null;
}

const sexOf = (sequenceDigit: string): 'male' | 'female' => (Number(sequenceDigit) % 2 === 1 ? 'male' : 'female');

/** The ID types the hall accepts (national code list): resident ID card, HK/Macao/Taiwan residence permit, foreigner permanent residence ID. */
export type PersonIdType = '01' | '06' | '07';

/** Checks an ID number as its type requires; sex and birth date are derived from it for every type. */
export function checkIdNumberOfType(idType: PersonIdType, raw: string, today: Date): IdNumberResult {
  if (hasInvisibleCharacter(raw)) return { ok: false, problem: 'ID_NUMBER_INVISIBLE_CHARACTER' };
  const value = raw.trim().toUpperCase();
  if (idType === '07') return checkForeignerId(value, today);
  const result = checkIdNumber(value, today);
  // A residence permit of a Hong Kong, Macao or Taiwan resident carries 81, 82 or 83 as its region code.
  if (idType === '06' && result.ok && !/^8[123]/.test(value)) return { ok: false, problem: 'ID_NUMBER_PROVINCE' };
  return result;
}

/**
 * Foreigner permanent residence ID: since 2023 18 characters starting with 9, built and checked like a
 * resident ID number; before, 15: nationality (3 letters), region (2), birth date YYMMDD, sequence (3,
 * odd for men) and a check digit whose algorithm is not published, so it is not verified.
 */
function checkForeignerId(value: string, today: Date): IdNumberResult {
  if (value === '') return { ok: false, problem: 'ID_NUMBER_REQUIRED' };
  if (/^9\d{16}[\dX]$/.test(value)) return checkedFacts(value, today);
  if (!/^[A-Z]{3}\d{12}$/.test(value)) return { ok: false, problem: 'ID_NUMBER_FORMAT' };
  const yymmdd = value.slice(5, 11);
  const birthDate = realBirthDate('20' + yymmdd, today) ?? realBirthDate('19' + yymmdd, today);
  if (!birthDate) return { ok: false, problem: 'ID_NUMBER_BIRTH_DATE' };
  return { ok: true, facts: { idNumber: value, sex: sexOf(value[13]), birthDate } };
}

/** `110105194912310021` → `110105********0021`: lists show this; detail views and exports the whole number. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 10) return idNumber;
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}

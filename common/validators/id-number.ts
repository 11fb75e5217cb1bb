/** Resident identity number checks per GB 11643-1999 (see shared/domain.md). */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Province-level codes (the first two digits), including Hong Kong, Macao and Taiwan (81, 82, 83, 71). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

export type IdNumberProblem =
  | 'ID_NUMBER_REQUIRED'
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

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Checks an 18-character resident ID number. `today` bounds the birth date, so the caller's
 * injectable clock decides what "in the future" means.
 */
export function checkIdNumber(
  raw: string,
  today: Date,
): { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdNumberProblem } {
  const value = raw.trim().toUpperCase();
  if (value === '') return { ok: false, problem: 'ID_NUMBER_REQUIRED' };
  if (/^\d{15}$/.test(value)) return { ok: false, problem: 'ID_NUMBER_LEGACY_15' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'ID_NUMBER_FORMAT' };
  if (!PROVINCE_CODES.has(Number(value.slice(0, 2)))) return { ok: false, problem: 'ID_NUMBER_PROVINCE' };

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const realDate =
    year >= 1900 && birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!realDate || birth.getTime() > today.getTime()) return { ok: false, problem: 'ID_NUMBER_BIRTH_DATE' };

  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'ID_NUMBER_CHECKSUM' };

  return {
    ok: true,
    facts: {
      idNumber: value,
      sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
      birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    },
  };
}

/** `110105194912310021` → `110105********0021`: lists show this; detail views and exports the whole number. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 10) return idNumber;
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}

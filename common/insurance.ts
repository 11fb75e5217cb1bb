import { DEFAULT_LANGUAGE, type Language } from './i18n';

/** Insurance types (险种) by national code; rates in basis points of the contribution base (demo defaults). */
export const INSURANCE_TYPES = {
  '310': { unitRateBp: 750, personRateBp: 200, employee: true },
  '330': { unitRateBp: 50, personRateBp: 0, employee: true },
  '510': { unitRateBp: 50, personRateBp: 0, employee: true },
  '390': { unitRateBp: 0, personRateBp: 0, employee: false },
} as const;
export type InsuranceType = keyof typeof INSURANCE_TYPES;
export const EMPLOYEE_INSURANCE_TYPES = ['310', '330', '510'] as const satisfies readonly InsuranceType[];
export type EmployeeInsuranceType = (typeof EMPLOYEE_INSURANCE_TYPES)[number];
export const RESIDENT_INSURANCE_TYPE = '390' satisfies InsuranceType;

/** round-half-up(base × rate / 10000) in integer fen; integers only, so no float ever touches money. */
export function contributionFen(baseFen: number, rateBp: number): number {
  return Math.floor((baseFen * rateBp + 5000) / 10000);
}

const yuanFormats = new Map<Language, Intl.NumberFormat>();

/**
 * Integer fen as yuan in the language's own separators, for display only, never for arithmetic:
 * `1234567` → zh-CN and en `12,345.67`, es `12.345,67` (and, as Spanish writes four-digit numbers,
 * `1234,56` without a separator). Exact: fen / 100 rounds back to its own two decimals below 10^15 fen.
 */
export function formatFen(fen: number, lang: Language = DEFAULT_LANGUAGE): string {
  let format = yuanFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    yuanFormats.set(lang, format);
  }
  return format.format(fen / 100);
}

/** The contribution base: the declared wage held between the period's floor and ceiling. */
export function contributionBaseFen(wageFen: number, floorFen: number, ceilingFen: number): number {
  return Math.min(Math.max(wageFen, floorFen), ceilingFen);
}

/** Unified social credit code checks per GB 32100-2015 (see shared/domain.md). */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'CREDIT_CODE_REQUIRED' | 'CREDIT_CODE_FORMAT' | 'CREDIT_CODE_CHECKSUM';

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function checkCreditCode(raw: string): { ok: true; creditCode: string } | { ok: false; problem: CreditCodeProblem } {
  const value = raw.trim().toUpperCase();
  if (value === '') return { ok: false, problem: 'CREDIT_CODE_REQUIRED' };
  if (value.length !== 18 || [...value].some((c) => !ALPHABET.includes(c))) {
    return { ok: false, problem: 'CREDIT_CODE_FORMAT' };
  }
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'CREDIT_CODE_CHECKSUM' };
  return { ok: true, creditCode: value };
}

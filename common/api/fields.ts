import { z, type ZodType } from 'zod';
import type { FieldErrorCode } from '../errors';
import { checkCreditCode } from '../validators/credit-code';
import { normaliseMobile } from '../validators/contact';
import { hasInvisibleCharacter } from '../validators/invisible';
import { checkPersonName } from '../validators/person-name';
import { PASSWORD_MAX_LENGTH, passwordProblem } from '../validators/password';

/** A zod issue that carries one of our field error codes; the server maps it to `FieldError`. */
export function fieldIssue(code: FieldErrorCode) {
  return { code: 'custom' as const, message: code, params: { fieldErrorCode: code } };
}

import { MAX_LENGTH } from './limits';

export { MAX_LENGTH, MAX_WAGE_FEN } from './limits';

export const requiredText = (max: number) => z.string().trim().min(1).max(max);

export const creditCodeField = z.string().transform((raw, ctx) => {
  const result = checkCreditCode(raw);
  if (!result.ok) {
    ctx.addIssue(fieldIssue(result.problem));
    return z.NEVER;
  }
  return result.creditCode;
});

/** A person's name by the one rule of validators/person-name.ts, normalised as it is stored. */
export const personNameField = z.string().transform((raw, ctx) => {
  const result = checkPersonName(raw);
  if (!result.ok) {
    ctx.addIssue(fieldIssue(result.problem));
    return z.NEVER;
  }
  return result.name;
});

/**
 * An ID number's shape: trimmed, upper-cased, at most 18 characters. Its checks by type need "today"
 * and run where the type is known; a zero-width space pasted inside is named here, not called "too long".
 */
export const idNumberField = z.string().transform((raw, ctx) => {
  const value = raw.trim().toUpperCase();
  const problem = hasInvisibleCharacter(raw)
    ? 'ID_NUMBER_INVISIBLE_CHARACTER'
    : value === ''
      ? 'REQUIRED'
      : value.length > MAX_LENGTH.idNumber
        ? 'TOO_LONG'
        : null;
  if (problem) {
    ctx.addIssue(fieldIssue(problem));
    return z.NEVER;
  }
  return value;
});

export const mobileField = z.string().transform((raw, ctx) => {
  const mobile = normaliseMobile(raw);
  if (mobile === null) {
    ctx.addIssue(fieldIssue(raw.trim() === '' ? 'REQUIRED' : 'MOBILE_FORMAT'));
    return z.NEVER;
  }
  return mobile;
});

/** For login forms: any non-empty password is checked against the hash, never echoed. */
export const passwordField = z.string().min(1).max(PASSWORD_MAX_LENGTH);

/**
 * For passwords being set (validators/password.ts); whether it contains the account's login is checked
 * where the login is known (`passwordProblem` with the login).
 */
export const newPasswordField = z
  .string()
  .max(PASSWORD_MAX_LENGTH)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue(fieldIssue(problem));
  });

export const idParam = z.coerce.number().int().positive();

/** The order of a sorted list. */
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const pageQuery = z.object({
  page: z.coerce.number().int().min(0).default(0),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** A server-side page of a list: the rows of this page and how many match in all. */
export const pageOf = <T extends ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

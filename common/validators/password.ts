/**
 * The rules for a password being set, in one place for the client's forms and the server: at least 8
 * characters with a letter and a digit, not one of the common passwords, and not containing the
 * account's own login (credit code, mobile or username).
 */
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = 'PASSWORD_WEAK' | 'PASSWORD_CONTAINS_LOGIN' | 'PASSWORD_COMMON';

/** What is wrong with `password` for an account known by `logins`, or null when it may be set. */
export function passwordProblem(password: string, logins: readonly string[] = []): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH || !/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'PASSWORD_WEAK';
  const lower = password.toLowerCase();
  // Short logins (none are, today) would refuse too much.
  if (logins.some((login) => login.length >= 4 && lower.includes(login.toLowerCase()))) return 'PASSWORD_CONTAINS_LOGIN';
  if (COMMON_PASSWORDS.has(lower)) return 'PASSWORD_COMMON';
  return null;
}

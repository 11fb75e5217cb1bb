import type { ValidatorFn } from '@angular/forms';
import { PASSWORD_MAX_LENGTH, passwordProblem } from '@common/validators/password';
import { fieldError } from './field-validators';

// Apart from the other validators: the rule's list of common passwords is not part of the sign-in page's first load.

/** A password being set, by the rules the server applies (common/validators/password.ts). */
export const newPassword: ValidatorFn = newPasswordOf(() => []);

/** A password being set for an account known by these logins, which it must not contain. */
export function newPasswordOf(logins: () => readonly string[]): ValidatorFn {
  return (control) => {
    const value = typeof control.value === 'string' ? control.value : '';
    if (value === '') return fieldError('REQUIRED');
    if (value.length > PASSWORD_MAX_LENGTH) return fieldError('TOO_LONG', { max: PASSWORD_MAX_LENGTH });
    const problem = passwordProblem(value, logins());
    return problem ? fieldError(problem) : null;
  };
}

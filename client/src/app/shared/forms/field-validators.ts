import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { MAX_LENGTH } from '@common/api/limits';
import type { FieldErrorCode } from '@common/errors';
import { compactAccountNumber, isBankAccountNumber, isEmail, normaliseMobile, normalisePhone } from '@common/validators/contact';
import { checkCreditCode } from '@common/validators/credit-code';
import { checkPersonName } from '@common/validators/person-name';

// Every validator here reports a FieldErrorCode as its error key, the same codes the server sends back,
// so one `fieldErrors.<code>` text serves both.

export function fieldError(code: FieldErrorCode, detail: unknown = true): ValidationErrors {
  return { [code]: detail };
}

function text(control: AbstractControl): string {
  return typeof control.value === 'string' ? control.value.trim() : '';
}

export const required: ValidatorFn = (control) => (text(control) === '' ? fieldError('REQUIRED') : null);

/** The schema's limit for this kind of field (common/api/fields.ts) or a field's (addition-fields.ts), never a number of the form's own. */
export function maxLength(field: keyof typeof MAX_LENGTH | number): ValidatorFn {
  const max = typeof field === 'number' ? field : MAX_LENGTH[field];
  return (control) => (text(control).length > max ? fieldError('TOO_LONG', { max }) : null);
}

/** A person's name by the rule the server applies (common/validators/person-name.ts). */
export const personName: ValidatorFn = (control) => {
  const result = checkPersonName(typeof control.value === 'string' ? control.value : '');
  if (result.ok) return null;
  return result.problem === 'TOO_LONG' ? fieldError('TOO_LONG', { max: MAX_LENGTH.personName }) : fieldError(result.problem);
};

/** Unified social credit code, checksum included (GB 32100-2015). */
export const creditCode: ValidatorFn = (control) => {
  const result = checkCreditCode(text(control));
  return result.ok ? null : fieldError(result.problem);
};

export const mobile: ValidatorFn = (control) => {
  if (text(control) === '') return fieldError('REQUIRED');
  return normaliseMobile(text(control)) === null ? fieldError('MOBILE_FORMAT') : null;
};

/** A mobile or a landline, as the server's `phoneField`. */
export const phone: ValidatorFn = (control) => {
  if (text(control) === '') return fieldError('REQUIRED');
  return normalisePhone(text(control)) === null ? fieldError('PHONE_FORMAT') : null;
};

/** An email address when one is given. */
export const email: ValidatorFn = (control) => (text(control) === '' || isEmail(text(control)) ? null : fieldError('EMAIL_FORMAT'));

/** 10 to 30 digits, spaces between groups allowed; Luhn is advice, never an error. */
export const accountNumber: ValidatorFn = (control) => {
  const digits = compactAccountNumber(text(control));
  if (digits === '') return fieldError('REQUIRED');
  return isBankAccountNumber(digits) ? null : fieldError('BANK_ACCOUNT_FORMAT');
};

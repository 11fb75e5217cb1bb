import { FormControl, FormGroup, type ValidatorFn } from '@angular/forms';
import { type BankBranch, type BankCategory } from '@common/api/maintenance';
import type { UnitRegistrationInput } from '@common/api/registration';
import { UNIT_TYPES } from '@common/api/unit-codes';
import { accountNumber, creditCode, email, maxLength, mobile, personName, required } from '../shared/forms/field-validators';
import { confirmationOf, textControl } from '../shared/forms/form-fields';
import { newPasswordOf } from '../shared/forms/password-validators';
import { chosenBranch } from '../unit/bank-branch-choice';

type UnitType = (typeof UNIT_TYPES)[number];

/** The registration form: the unit, its legal representative and contact, its bank account, the administrator's password and the CAPTCHA. */
export function registrationForm() {
  const password = new FormControl('', { nonNullable: true });
  const form = new FormGroup({
    creditCode: textControl([creditCode]),
    unitName: textControl([required, maxLength(100)]),
    unitType: new FormControl<UnitType | ''>('', { nonNullable: true, validators: [required] }),
    address: textControl([required, maxLength(200)]),
    legalRepName: textControl([personName]),
    legalRepIdNumber: textControl([required, maxLength('idNumber')]),
    legalRepPhone: textControl([mobile]),
    contactName: textControl([personName]),
    contactPhone: textControl([mobile]),
    contactEmail: textControl([required, email, maxLength('email')]),
    bankCategory: new FormControl<BankCategory | ''>('', { nonNullable: true, validators: [required] }),
    branch: new FormControl<BankBranch | string>('', { nonNullable: true, validators: [chosenBranch] }),
    accountName: textControl([required, maxLength(100)]),
    accountNumber: textControl([accountNumber]),
    password,
    confirmation: confirmationOf(password),
    captchaAnswer: textControl([required]),
  });
  // The password must not contain the credit code, the administrator's login.
  password.setValidators(newPasswordOf(() => [form.controls.creditCode.value.trim().toUpperCase()]));
  // The account must be in the unit's own name, whichever of the two is typed last.
  const sameName: ValidatorFn = (control) =>
    String(control.value).trim() === '' || String(control.value).trim() === form.controls.unitName.value.trim()
      ? null
      : { ACCOUNT_NAME_MISMATCH: true };
  form.controls.accountName.addValidators(sameName);
  form.controls.unitName.valueChanges.subscribe(() => form.controls.accountName.updateValueAndValidity({ emitEvent: false }));
  return form;
}
export type RegistrationForm = ReturnType<typeof registrationForm>;

export function unitRegistration(form: RegistrationForm, captchaToken: string): UnitRegistrationInput {
  const { branch, confirmation: _confirmation, bankCategory, unitType, ...v } = form.getRawValue();
  return { ...v, unitType: unitType as UnitType, bankCategory: bankCategory as BankCategory, branchCode: (branch as BankBranch).code, captchaToken };
}

/** The request's `branchCode` is the branch chosen in the form's `branch`. */
export const REGISTRATION_CONTROL_OF = { branchCode: 'branch' };

export { UNIT_TYPES };

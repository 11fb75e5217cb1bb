import { FormControl, FormGroup, type ValidatorFn } from '@angular/forms';
import { BANK_CATEGORIES, type BankBranch, type BankCategory, type BankAccountChangeInput, type UnitInfoChangeInput } from '@common/api/maintenance';
import type { UnitInfo } from '@common/api/payments';
import { accountNumber, email, maxLength, personName, phone, required } from '../shared/forms/field-validators';
import { optionalText, textControl } from '../shared/forms/form-fields';
import { chosenBranch } from './bank-branch-choice';

/** The contact person and legal representative, starting from what is registered. */
export function unitInfoChangeForm(unit: UnitInfo) {
  return new FormGroup({
    contactName: textControl([personName], unit.contactName),
    contactPhone: textControl([phone], unit.contactPhone),
    contactEmail: textControl([email, maxLength('email')], unit.contactEmail),
    legalRepName: textControl([personName], unit.legalRepName),
    legalRepPhone: textControl([phone], unit.legalRepPhone),
  });
}
export type UnitInfoChangeForm = ReturnType<typeof unitInfoChangeForm>;

export function unitInfoChange(form: UnitInfoChangeForm): UnitInfoChangeInput {
  const v = form.getRawValue();
  return { ...v, contactEmail: optionalText(v.contactEmail) };
}

/** The account must be in the unit's own name. */
const nameOf =
  (unitName: string): ValidatorFn =>
  (control) =>
    String(control.value).trim() === '' ? { REQUIRED: true } : String(control.value).trim() === unitName ? null : { ACCOUNT_NAME_MISMATCH: true };

/** A new account: the bank, a branch from the list, the unit's name as the account name, and the number. */
export function bankAccountForm(unit: UnitInfo) {
  const registered = (BANK_CATEGORIES as readonly (string | null)[]).includes(unit.bank.category) ? (unit.bank.category as BankCategory) : '';
  return new FormGroup({
    bankCategory: new FormControl<BankCategory | ''>(registered, { nonNullable: true, validators: [required] }),
    branch: new FormControl<BankBranch | string>('', { nonNullable: true, validators: [chosenBranch] }),
    accountName: textControl([nameOf(unit.name)], unit.name),
    accountNumber: textControl([accountNumber]),
  });
}
export type BankAccountForm = ReturnType<typeof bankAccountForm>;

export function bankAccountChange(form: BankAccountForm): BankAccountChangeInput {
  const { bankCategory, branch, accountName, accountNumber } = form.getRawValue();
  return { bankCategory: bankCategory as BankCategory, branchCode: (branch as BankBranch).code, accountName: accountName.trim(), accountNumber };
}

/** The request's `branchCode` is the branch chosen in the form's `branch`. */
export const BANK_CONTROL_OF = { branchCode: 'branch' };

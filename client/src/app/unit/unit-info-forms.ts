import { FormControl, FormGroup, type ValidatorFn } from '@angular/forms';
import { BANK_CATEGORIES, type BankBranch, type BankCategory, type BankAccountChangeInput, type UnitInfoChangeInput } from '@common/api/maintenance';
import type { UnitInfo } from '@common/api/payments';
import type { PayloadOf } from '@common/api/submissions';
import { accountNumber, email, maxLength, personName, phone, required } from '../shared/forms/field-validators';
import { optionalText, textControl } from '../shared/forms/form-fields';
import { chosenBranch } from './bank-branch-choice';

/** The contact person and legal representative, starting from what is registered, or from a rejected change to correct. */
export function unitInfoChangeForm(unit: UnitInfo, rejected?: PayloadOf<'unit-info-change'>) {
  const start = rejected?.after ?? unit;
  return new FormGroup({
    contactName: textControl([personName], start.contactName),
    contactPhone: textControl([phone], start.contactPhone),
    contactEmail: textControl([email, maxLength('email')], start.contactEmail),
    legalRepName: textControl([personName], start.legalRepName),
    legalRepPhone: textControl([phone], start.legalRepPhone),
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

const bankCategoryOf = (code: string | null): BankCategory | '' =>
  (BANK_CATEGORIES as readonly (string | null)[]).includes(code) ? (code as BankCategory) : '';

/**
 * A new account: the bank, a branch from the list, the unit's name as the account name, and the number; a rejected
 * change to correct starts from what it asked for.
 */
export function bankAccountForm(unit: UnitInfo, rejected?: PayloadOf<'bank-account-change'>) {
  const asked = rejected?.after;
  const bankCategory = bankCategoryOf(asked?.bankCategory ?? unit.bank.category);
  const branch: BankBranch | '' =
    asked?.branchCode && asked.branchName && bankCategory ? { code: asked.branchCode, name: asked.branchName, bankCategory, city: '' } : '';
  return new FormGroup({
    bankCategory: new FormControl<BankCategory | ''>(bankCategory, { nonNullable: true, validators: [required] }),
    branch: new FormControl<BankBranch | string>(branch, { nonNullable: true, validators: [chosenBranch] }),
    accountName: textControl([nameOf(unit.name)], asked?.accountName ?? unit.name),
    accountNumber: textControl([accountNumber], asked?.accountNumber ?? ''),
  });
}
export type BankAccountForm = ReturnType<typeof bankAccountForm>;

export function bankAccountChange(form: BankAccountForm): BankAccountChangeInput {
  const { bankCategory, branch, accountName, accountNumber } = form.getRawValue();
  return { bankCategory: bankCategory as BankCategory, branchCode: (branch as BankBranch).code, accountName: accountName.trim(), accountNumber };
}

/** The request's `branchCode` is the branch chosen in the form's `branch`. */
export const BANK_CONTROL_OF = { branchCode: 'branch' };

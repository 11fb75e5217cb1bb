import { computed, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { FormControl, ValidatorFn } from '@angular/forms';
import type { BankBranch, BankCategory } from '@common/api/maintenance';
import { searchTerm } from '../shared/table/paging';
import { bankBranchesResource } from './unit-api';

/** The branch field holds what is typed until an option of the list is chosen. */
export const chosenBranch: ValidatorFn = (control) => {
  if (typeof control.value !== 'string') return null;
  return control.value.trim() === '' ? { REQUIRED: true } : { BANK_BRANCH_UNKNOWN: true };
};

/**
 * A bank account form's branch, found in the bundled list by keyword, short name or pinyin initials as the
 * user types, and kept to the bank chosen: the bank account dialog's and the public registration page's
 * (which asks its own, public, endpoint). Built in the component's injection context.
 */
export class BankBranchChoice {
  private readonly term: Signal<string>;
  /** What to look for: nothing once a branch is chosen or the field is emptied, without waiting for the pause. */
  private readonly search: Signal<{ q: string; bankCategory: BankCategory | undefined } | undefined>;
  readonly branches: ReturnType<typeof bankBranchesResource>;
  readonly options: Signal<BankBranch[]>;

  constructor(
    private readonly bankCategory: FormControl<BankCategory | ''>,
    private readonly branch: FormControl<BankBranch | string>,
    url?: string,
  ) {
    this.term = searchTerm(branch);
    const typed = toSignal(branch.valueChanges, { initialValue: branch.value });
    const bank = toSignal(bankCategory.valueChanges, { initialValue: bankCategory.value });
    this.search = computed(() => {
      const q = this.term();
      const value = typed();
      return q && typeof value === 'string' && value.trim() !== '' ? { q, bankCategory: bank() || undefined } : undefined;
    });
    this.branches = bankBranchesResource(this.search, url);
    this.options = computed(() => (this.search() ? (this.branches.value()?.items ?? []) : []));
  }

  readonly branchName = (branch: BankBranch | string | null) => (typeof branch === 'string' ? branch : (branch?.name ?? ''));

  /** Choosing a branch of another bank switches the bank to it. */
  chosen(branch: BankBranch): void {
    if (this.bankCategory.value !== branch.bankCategory) this.bankCategory.setValue(branch.bankCategory);
  }

  /** A branch already chosen that is not of the newly chosen bank is cleared. */
  bankChosen(): void {
    const branch = this.branch.value;
    if (typeof branch !== 'string' && branch.bankCategory !== this.bankCategory.value) this.branch.setValue('');
  }
}

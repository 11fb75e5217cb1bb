import { Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { Submission } from '@common/api/submissions';
import { BANK_CATEGORIES, type BankBranch } from '@common/api/maintenance';
import type { UnitInfo } from '@common/api/payments';
import { compactAccountNumber, isBankAccountNumber, passesLuhn } from '@common/validators/contact';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';
import { DialogFormFooter } from '../../shared/forms/dialog-form-footer';
import { DialogSubmission } from '../../shared/forms/dialog-submission';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { searchTerm } from '../../shared/table/paging';
import { bankBranchesResource, UnitApi } from '../unit-api';
import { BANK_CONTROL_OF, bankAccountChange, bankAccountForm } from '../unit-info-forms';

/**
 * A new bank account for the unit, submitted for review: the bank, a branch found by keyword, short name or pinyin
 * initials as the user types, and an account in the unit's own name. Closes with the submission.
 */
@Component({
  selector: 'app-bank-account-dialog',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
    DialogFormFooter,
  ],
  templateUrl: './bank-account-dialog.html',
  styleUrl: '../../shared/forms/dialog-form.scss',
})
export class BankAccountDialog {
  private readonly api = inject(UnitApi);
  protected readonly unit = inject<UnitInfo>(MAT_DIALOG_DATA);
  protected readonly form = bankAccountForm(this.unit);
  protected readonly submission = new DialogSubmission<Submission>(this.form, inject(MatDialogRef), BANK_CONTROL_OF);
  protected readonly banks = BANK_CATEGORIES;

  private readonly term = searchTerm(this.form.controls.branch);
  private readonly branch = toSignal(this.form.controls.branch.valueChanges, { initialValue: this.form.controls.branch.value });
  private readonly bank = toSignal(this.form.controls.bankCategory.valueChanges, { initialValue: this.form.controls.bankCategory.value });
  /** What to look for: nothing once a branch is chosen or the field is emptied, without waiting for the pause. */
  private readonly search = computed(() => {
    const q = this.term();
    const branch = this.branch();
    return q && typeof branch === 'string' && branch.trim() !== '' ? { q, bankCategory: this.bank() || undefined } : undefined;
  });
  protected readonly branches = bankBranchesResource(this.search);
  protected readonly options = computed(() => (this.search() ? (this.branches.value()?.items ?? []) : []));
  /** Many real accounts fail Luhn: a hint to check the number, never a reason to refuse it. */
  protected readonly failsLuhn = toSignal(
    this.form.controls.accountNumber.valueChanges.pipe(
      map((value) => {
        const digits = compactAccountNumber(value);
        return isBankAccountNumber(digits) && !passesLuhn(digits);
      }),
    ),
    { initialValue: false },
  );

  protected readonly branchName = (branch: BankBranch | string | null) => (typeof branch === 'string' ? branch : (branch?.name ?? ''));

  /** Choosing a branch of another bank switches the bank to it. */
  protected chosen(branch: BankBranch): void {
    if (this.form.controls.bankCategory.value !== branch.bankCategory) this.form.controls.bankCategory.setValue(branch.bankCategory);
  }

  /** A branch already chosen that is not of the newly chosen bank is cleared. */
  protected bankChosen(): void {
    const branch = this.form.controls.branch.value;
    if (typeof branch !== 'string' && branch.bankCategory !== this.form.controls.bankCategory.value) this.form.controls.branch.setValue('');
  }

  protected submit(): void {
    this.submission.send(
      () => bankAccountChange(this.form),
      (change, key) => this.api.changeBankAccount(change, key),
    );
  }
}

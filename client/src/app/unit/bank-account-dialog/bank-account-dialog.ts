import { Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { Submission } from '@common/api/submissions';
import { BANK_CATEGORIES } from '@common/api/maintenance';
import { compactAccountNumber, isBankAccountNumber, passesLuhn } from '@common/validators/contact';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';
import { DialogFormFooter } from '../../shared/forms/dialog-form-footer';
import { DialogSubmission } from '../../shared/forms/dialog-submission';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { BankBranchChoice } from '../bank-branch-choice';
import type { ChangeDialogData } from '../unit-info-change-dialog/unit-info-change-dialog';
import { UnitApi } from '../unit-api';
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
  private readonly data = inject<ChangeDialogData<'bank-account-change'>>(MAT_DIALOG_DATA);
  protected readonly unit = this.data.unit;
  protected readonly form = bankAccountForm(this.unit, this.data.rejected?.payload);
  protected readonly submission = new DialogSubmission<Submission>(this.form, inject(MatDialogRef), BANK_CONTROL_OF);
  protected readonly banks = BANK_CATEGORIES;

  protected readonly branchChoice = new BankBranchChoice(this.form.controls.bankCategory, this.form.controls.branch);
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

  protected submit(): void {
    this.submission.send(
      () => bankAccountChange(this.form),
      (change, key) => this.api.changeBankAccount(change, key, this.data.rejected?.id),
    );
  }
}

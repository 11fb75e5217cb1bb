import { Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { Submission } from '@common/api/submissions';
import { TranslatePipe } from '@ngx-translate/core';
import { DialogFormFooter } from '../../shared/forms/dialog-form-footer';
import { DialogSubmission } from '../../shared/forms/dialog-submission';
import { BankAccountFields } from '../bank-account-fields/bank-account-fields';
import type { ChangeDialogData } from '../unit-info-change-dialog/unit-info-change-dialog';
import { UnitApi } from '../unit-api';
import { BANK_CONTROL_OF, bankAccountChange, bankAccountForm } from '../unit-info-forms';

/**
 * A new bank account for the unit, submitted for review: the bank, a branch found by keyword, short name or pinyin
 * initials as the user types, and an account in the unit's own name. Closes with the submission.
 */
@Component({
  selector: 'app-bank-account-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, TranslatePipe, BankAccountFields, DialogFormFooter],
  templateUrl: './bank-account-dialog.html',
  styleUrl: '../../shared/forms/dialog-form.scss',
})
export class BankAccountDialog {
  private readonly api = inject(UnitApi);
  private readonly data = inject<ChangeDialogData<'bank-account-change'>>(MAT_DIALOG_DATA);
  protected readonly unit = this.data.unit;
  protected readonly form = bankAccountForm(this.unit, this.data.rejected?.payload);
  protected readonly submission = new DialogSubmission<Submission>(this.form, inject(MatDialogRef), BANK_CONTROL_OF);

  protected submit(): void {
    this.submission.send(
      () => bankAccountChange(this.form),
      (change, key) => this.api.changeBankAccount(change, key, this.data.rejected?.id),
    );
  }
}

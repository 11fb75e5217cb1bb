import { Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Submission } from '@common/api/submissions';
import type { UnitInfo } from '@common/api/payments';
import { TranslatePipe } from '@ngx-translate/core';
import { DialogFormFooter } from '../../shared/forms/dialog-form-footer';
import { DialogSubmission } from '../../shared/forms/dialog-submission';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { UnitApi } from '../unit-api';
import { unitInfoChange, unitInfoChangeForm } from '../unit-info-forms';

/** The unit's contact person and legal representative, submitted for review; closes with the submission. */
@Component({
  selector: 'app-unit-info-change-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, TranslatePipe, FieldErrorPipe, DialogFormFooter],
  templateUrl: './unit-info-change-dialog.html',
  styleUrl: '../../shared/forms/dialog-form.scss',
})
export class UnitInfoChangeDialog {
  private readonly api = inject(UnitApi);
  protected readonly form = unitInfoChangeForm(inject<UnitInfo>(MAT_DIALOG_DATA));
  protected readonly submission = new DialogSubmission<Submission>(this.form, inject(MatDialogRef));

  protected submit(): void {
    this.submission.send(
      () => unitInfoChange(this.form),
      (change, key) => this.api.changeInfo(change, key),
    );
  }
}

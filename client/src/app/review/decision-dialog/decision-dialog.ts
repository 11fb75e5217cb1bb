import { Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, type ValidatorFn } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ReviewDecision, ReviewResult } from '@common/api/submissions';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { maxLength } from '../../shared/forms/field-validators';
import { applyServerErrors } from '../../shared/forms/server-errors';

/** The unit reads why it was rejected: the same code the server answers with when the reason is missing. */
const reasonGiven: ValidatorFn = (control) => (String(control.value).trim() ? null : { REASON_REQUIRED: true });

export interface DecisionDialogData {
  approve: boolean;
  /** What is being decided, worded for the question. */
  subject: Message;
  decide: (decision: ReviewDecision) => Observable<ReviewResult>;
}

/** Approves or rejects (one submission or a whole batch); a rejection needs the reason the unit will read. */
@Component({
  selector: 'app-decision-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  templateUrl: './decision-dialog.html',
  styles: `
    .reason {
      width: 100%;
      margin-top: 16px;
    }
    .failure {
      color: var(--mat-sys-error);
    }
  `,
})
export class DecisionDialog {
  private readonly dialogRef = inject<MatDialogRef<DecisionDialog, ReviewResult>>(MatDialogRef);

  protected readonly data = inject<DecisionDialogData>(MAT_DIALOG_DATA);
  protected readonly form = new FormGroup({
    reason: new FormControl('', {
      nonNullable: true,
      validators: this.data.approve ? [maxLength('reviewReason')] : [reasonGiven, maxLength('reviewReason')],
    }),
  });
  protected readonly deciding = signal(false);
  protected readonly failure = signal<Message | null>(null);

  protected decide(): void {
    if (this.deciding()) return;
    this.failure.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const reason = this.form.controls.reason.value.trim();
    this.deciding.set(true);
    this.data.decide({ approve: this.data.approve, ...(reason ? { reason } : {}) }).subscribe({
      next: (result) => this.dialogRef.close(result),
      error: (error: unknown) => {
        this.deciding.set(false);
        if (!applyServerErrors(this.form, error)) this.failure.set(errorMessage(error));
      },
    });
  }
}

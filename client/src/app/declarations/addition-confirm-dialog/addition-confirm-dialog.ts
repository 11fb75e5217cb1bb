import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AdditionInput, Quote } from '@common/api/declarations';
import type { Submission } from '@common/api/submissions';
import { TranslatePipe } from '@ngx-translate/core';
import { apiErrorOf, errorMessage, type Message } from '../../core/errors/api-error';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { newIdempotencyKey } from '../../shared/idempotency';
import { AdditionsApi } from '../additions-api';

export interface AdditionConfirmData {
  input: AdditionInput;
  quote: Quote;
  /** The rejected addition this one corrects. */
  corrects?: number;
}

/** Submitted; or refused for reasons that belong on the form's fields. Undefined: back to the form. */
export type AdditionConfirmResult = { declaration: Submission } | { fieldErrors: unknown };

/**
 * The confirmation step: the effective month, the base after clamping and the monthly amounts, then the
 * submission. The dialog is one confirmation, so it holds one Idempotency-Key: retries and double clicks
 * send it unchanged and the server creates the addition once.
 */
@Component({
  selector: 'app-addition-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule, MatProgressBarModule, TranslatePipe, FenPipe, PeriodPipe],
  templateUrl: './addition-confirm-dialog.html',
  styleUrl: './addition-confirm-dialog.scss',
})
export class AdditionConfirmDialog {
  private readonly api = inject(AdditionsApi);
  private readonly dialogRef = inject<MatDialogRef<AdditionConfirmDialog, AdditionConfirmResult>>(MatDialogRef);
  private readonly key = newIdempotencyKey();

  protected readonly data = inject<AdditionConfirmData>(MAT_DIALOG_DATA);
  protected readonly clamped = this.data.quote.baseFen !== this.data.quote.wageFen;
  protected readonly submitting = signal(false);
  protected readonly failure = signal<Message | null>(null);

  protected submit(): void {
    if (this.submitting()) return;
    this.submitting.set(true);
    this.failure.set(null);
    this.dialogRef.disableClose = true;
    this.api.submit(this.data.input, this.key, this.data.corrects).subscribe({
      next: (declaration) => this.dialogRef.close({ declaration }),
      error: (error: unknown) => {
        this.submitting.set(false);
        this.dialogRef.disableClose = false;
        if (apiErrorOf(error)?.details?.fields?.length) this.dialogRef.close({ fieldErrors: error });
        else this.failure.set(errorMessage(error));
      },
    });
  }
}

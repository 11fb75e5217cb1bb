import { Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { TranslatePipe } from '@ngx-translate/core';
import type { DialogSubmission } from './dialog-submission';

/**
 * The end of a dialog's form: the refusal that fits no field, cancel, and the submit button (`type="submit"`,
 * so the form's `ngSubmit` sends it). Test ids `<testId>-error`, `-cancel` and `-submit`.
 */
@Component({
  selector: 'app-dialog-form-footer',
  imports: [MatButtonModule, MatDialogModule, TranslatePipe],
  template: `
    @if (submission().failure(); as failure) {
      <p class="failure" role="alert" [attr.data-testid]="testId() + '-error'">{{ failure.key | translate: failure.params }}</p>
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [attr.data-testid]="testId() + '-cancel'">{{ 'common.cancel' | translate }}</button>
      <button mat-flat-button type="submit" [disabled]="submission().saving()" [attr.data-testid]="testId() + '-submit'">
        {{ submitLabel() | translate }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .failure {
      margin: 0;
      padding: 0 24px;
      color: var(--mat-sys-error);
    }
  `,
})
export class DialogFormFooter {
  readonly submission = input.required<DialogSubmission<unknown>>();
  readonly submitLabel = input.required<string>();
  readonly testId = input.required<string>();
}

import { Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, type Observable } from 'rxjs';

/** Translation keys of the question; `params` fill the message. */
export interface ConfirmDialogData {
  title: string;
  message: string;
  params?: Record<string, unknown>;
  confirm: string;
}

/**
 * Asks before something that cannot be undone. Closes with true to go ahead. The confirm button has the focus:
 * the user has just asked for this, so Enter goes ahead (Escape and the Cancel button still back out).
 */
@Component({
  selector: 'app-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ data.title | translate: data.params }}</h2>
    <mat-dialog-content data-testid="confirm-message">{{ data.message | translate: data.params }}</mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" data-testid="confirm-cancel">
        {{ 'common.cancel' | translate }}
      </button>
      <button mat-flat-button type="button" [mat-dialog-close]="true" cdkFocusInitial data-testid="confirm-ok">
        {{ data.confirm | translate }}
      </button>
    </mat-dialog-actions>
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}

/** Emits once when the user confirms; completes silently when they cancel. */
export function confirmed(dialog: MatDialog, data: ConfirmDialogData): Observable<boolean> {
  return dialog
    .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data })
    .afterClosed()
    .pipe(filter((answer) => answer === true));
}

import { Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Agent } from '@common/api/agents';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { newPasswordOf } from '../../shared/forms/password-validators';
import { confirmationOf } from '../../shared/forms/form-fields';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { AgentsApi } from '../agents-api';

/** A new password for the agent (not containing their mobile), typed twice. */
function resetPasswordForm(mobile: string) {
  const password = new FormControl('', { nonNullable: true, validators: [newPasswordOf(() => [mobile])] });
  return new FormGroup({ password, confirmation: confirmationOf(password) });
}

/**
 * Sets a new password for an agent; the agent's sessions end at once. Closes with the agent once the server
 * has taken it, and stays open with the reason when it has not.
 */
@Component({
  selector: 'app-reset-password-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, TranslatePipe, FieldErrorPipe],
  template: `
    <h2 mat-dialog-title>{{ 'agents.resetPassword.title' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p data-testid="reset-message">{{ 'agents.resetPassword.message' | translate: { name: agent.name, mobile: agent.mobile } }}</p>
        <mat-form-field>
          <mat-label>{{ 'agents.resetPassword.password' | translate }}</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" data-testid="reset-password" />
          <mat-hint>{{ 'agents.passwordRule' | translate }}</mat-hint>
          <mat-error>{{ form.controls.password | fieldError | translate }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'agents.resetPassword.confirmation' | translate }}</mat-label>
          <input matInput type="password" formControlName="confirmation" autocomplete="new-password" data-testid="reset-confirmation" />
          <mat-error>{{ 'agents.resetPassword.mismatch' | translate }}</mat-error>
        </mat-form-field>
        @if (failure(); as failure) {
          <p class="failure" role="alert" data-testid="reset-error">{{ failure.key | translate: failure.params }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close data-testid="reset-cancel">{{ 'common.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="reset-submit">
          {{ 'agents.resetPassword.submit' | translate }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      display: block;
      margin-bottom: 8px;
    }
    .failure {
      color: var(--mat-sys-error);
    }
  `,
})
export class ResetPasswordDialog {
  private readonly api = inject(AgentsApi);
  private readonly ref = inject<MatDialogRef<ResetPasswordDialog, Agent>>(MatDialogRef);
  protected readonly agent = inject<Agent>(MAT_DIALOG_DATA);
  protected readonly form = resetPasswordForm(this.agent.mobile);
  protected readonly saving = signal(false);
  protected readonly failure = signal<Message | null>(null);

  protected submit(): void {
    this.failure.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.api.resetPassword(this.agent.id, this.form.controls.password.value).subscribe({
      next: (agent) => this.ref.close(agent),
      error: (error: unknown) => {
        this.saving.set(false);
        if (!applyServerErrors(this.form, error)) this.failure.set(errorMessage(error));
      },
    });
  }
}

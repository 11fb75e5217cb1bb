import { Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { afterSignInPath, AuthService, homePath } from '../../core/auth/auth.service';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { required } from '../../shared/forms/field-validators';
import { newPasswordOf } from '../../shared/forms/password-validators';
import { confirmationOf } from '../../shared/forms/form-fields';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { PageFrame } from '../../shared/page-frame/page-frame';
import { Toast } from '../../shared/toast';

/** The current password, and a new one (not containing the user's login) typed twice. */
function changePasswordForm(login: () => string) {
  const newPassword = new FormControl('', { nonNullable: true, validators: [newPasswordOf(() => [login()])] });
  return new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: [required] }),
    newPassword,
    confirmation: confirmationOf(newPassword),
  });
}

/**
 * Anyone changes their own password here (from the shell's menu); a user whose password an administrator
 * set is sent here first and can go nowhere else until it is changed. The user's other sessions end.
 */
@Component({
  selector: 'app-change-password-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslatePipe,
    FieldErrorPipe,
    PageFrame,
  ],
  templateUrl: './change-password-page.html',
  styleUrls: ['../../shared/frame-card.scss', './change-password-page.scss'],
})
export class ChangePasswordPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly toast = inject(Toast);

  protected readonly user = this.auth.user;
  /** Set by an administrator: nothing else opens until it is changed. */
  protected readonly required = computed(() => this.user()?.mustChangePassword ?? false);
  protected readonly form = changePasswordForm(() => this.user()?.login ?? '');
  protected readonly saving = signal(false);
  protected readonly failure = signal<Message | null>(null);

  protected submit(): void {
    this.failure.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.auth.changePassword({ currentPassword, newPassword }).subscribe({
      next: () => {
        this.saving.set(false);
        this.toast.show('account.changePassword.done');
        // A forced change comes straight after signing in: go on as a sign-in would.
        const session = this.auth.session();
        void this.router.navigateByUrl(session ? afterSignInPath(session) : '/login');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        if (!applyServerErrors(this.form, error)) this.failure.set(errorMessage(error));
      },
    });
  }

  protected back(): void {
    void this.router.navigateByUrl(homePath(this.auth.session()));
  }

  protected logout(): void {
    this.auth.logout().subscribe(() => void this.router.navigateByUrl('/login'));
  }
}

import { Component, computed, inject, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { RegistrationCaptcha, RegistrationReceipt } from '@common/api/registration';
import { TranslatePipe } from '@ngx-translate/core';
import { apiErrorOf, errorMessage, type Message } from '../../core/errors/api-error';
import { LanguageSwitcher } from '../../core/language/language-switcher/language-switcher';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { Notice } from '../../shared/notice/notice';
import { BankAccountFields } from '../../unit/bank-account-fields/bank-account-fields';
import { RegistrationApi } from '../registration-api';
import { REGISTRATION_CONTROL_OF, registrationForm, UNIT_TYPES, unitRegistration } from '../registration-form';

/**
 * Public: a unit without an online account registers here. Once sent, the page shows the code that, with
 * the credit code, shows the registration's status until a reviewer has decided it; the administrator signs
 * in only after approval. Every answer uses the CAPTCHA up, so a refused one brings a new picture.
 */
@Component({
  selector: 'app-register-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
    Notice,
    LanguageSwitcher,
    BankAccountFields,
  ],
  templateUrl: './register-page.html',
  styleUrl: './register-page.scss',
})
export class RegisterPage {
  private readonly api = inject(RegistrationApi);

  protected readonly form = registrationForm();
  protected readonly unitTypes = UNIT_TYPES;
  protected readonly captcha = signal<RegistrationCaptcha | null>(null);
  protected readonly captchaImage = computed(() => {
    const captcha = this.captcha();
    return captcha ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.svg)}` : null;
  });
  protected readonly sending = signal(false);
  protected readonly failure = signal<Message | null>(null);
  protected readonly receipt = signal<RegistrationReceipt | null>(null);
  protected readonly creditCode = signal('');

  constructor() {
    this.newCaptcha();
  }

  protected newCaptcha(): void {
    this.form.controls.captchaAnswer.setValue('');
    this.form.controls.captchaAnswer.markAsUntouched();
    this.api.captcha().subscribe({
      next: (captcha) => this.captcha.set(captcha),
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }

  protected submit(): void {
    const captcha = this.captcha();
    this.failure.set(null);
    if (this.form.invalid || !captcha) {
      this.form.markAllAsTouched();
      return;
    }
    this.sending.set(true);
    const registration = unitRegistration(this.form, captcha.token);
    this.api.register(registration).subscribe({
      next: (receipt) => {
        this.sending.set(false);
        this.creditCode.set(registration.creditCode.trim().toUpperCase());
        this.receipt.set(receipt);
      },
      error: (error: unknown) => {
        this.sending.set(false);
        // The answer used the picture up (or the form never reached it): a new one either way, and the
        // server's word on the old answer, not "required", under the emptied field.
        this.newCaptcha();
        if (apiErrorOf(error)?.details?.fields?.some((f) => f.field === 'captchaAnswer')) this.form.controls.captchaAnswer.setErrors(null);
        if (!applyServerErrors(this.form, error, REGISTRATION_CONTROL_OF)) this.failure.set(errorMessage(error));
      },
    });
  }
}

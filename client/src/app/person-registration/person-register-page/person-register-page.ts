import { HttpClient } from '@angular/common/http';
import { Component, inject, signal, viewChild } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { PersonRegistrationReceipt } from '@common/api/personal';
import { TranslatePipe } from '@ngx-translate/core';
import { apiErrorOf, errorMessage, type Message } from '../../core/errors/api-error';
import { CaptchaField } from '../../shared/captcha/captcha-field';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { Notice } from '../../shared/notice/notice';
import { PageFrame } from '../../shared/page-frame/page-frame';
import { personRegistration, personRegistrationForm } from '../person-registration-form';

/**
 * Public: a person registers an account of the personal hall with name, ID number, mobile and password.
 * A known ID number needs its registered name. Real halls check the face or a real-name app; this one
 * says so and does not. Every answer uses the CAPTCHA up, so a refused one brings a new picture.
 */
@Component({
  selector: 'app-person-register-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslatePipe,
    FieldErrorPipe,
    Notice,
    PageFrame,
    CaptchaField,
  ],
  templateUrl: './person-register-page.html',
  styleUrls: ['../../shared/frame-card.scss', './person-register-page.scss'],
})
export class PersonRegisterPage {
  private readonly http = inject(HttpClient);
  private readonly captcha = viewChild.required(CaptchaField);

  protected readonly form = personRegistrationForm();
  protected readonly sending = signal(false);
  protected readonly failure = signal<Message | null>(null);
  protected readonly receipt = signal<PersonRegistrationReceipt | null>(null);

  protected submit(): void {
    const token = this.captcha().token();
    this.failure.set(null);
    if (this.form.invalid || !token) {
      this.form.markAllAsTouched();
      return;
    }
    this.sending.set(true);
    this.http.post<PersonRegistrationReceipt>('/api/persons/registrations', personRegistration(this.form, token)).subscribe({
      next: (receipt) => {
        this.sending.set(false);
        this.receipt.set(receipt);
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.captcha().refresh();
        const captchaProblem = apiErrorOf(error)?.details?.fields?.find((f) => f.field === 'captchaAnswer');
        if (captchaProblem) this.failure.set({ key: `fieldErrors.${captchaProblem.code}`, params: {} });
        else if (!applyServerErrors(this.form, error)) this.failure.set(errorMessage(error));
      },
    });
  }
}

import { HttpErrorResponse } from '@angular/common/http';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { STATUS_CODE_LENGTH, type RegistrationStatus } from '@common/api/registration';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { LanguageSwitcher } from '../../core/language/language-switcher/language-switcher';
import { creditCode, required } from '../../shared/forms/field-validators';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { textControl } from '../../shared/forms/form-fields';
import { Notice } from '../../shared/notice/notice';
import { RegistrationApi } from '../registration-api';

/** Public: a registration's status by credit code and the code shown when it was sent; the reason once rejected, nothing else. */
@Component({
  selector: 'app-registration-status-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldErrorPipe,
    Notice,
    LanguageSwitcher,
  ],
  templateUrl: './registration-status-page.html',
  styleUrl: '../register-page/register-page.scss',
})
export class RegistrationStatusPage {
  /** The `creditCode` query parameter, filled in by the page that sent the registration. */
  readonly creditCode = input<string>();

  private readonly api = inject(RegistrationApi);
  protected readonly codeLength = STATUS_CODE_LENGTH;
  protected readonly form = new FormGroup({ creditCode: textControl([creditCode]), statusCode: textControl([required]) });
  protected readonly checking = signal(false);
  protected readonly result = signal<RegistrationStatus | null>(null);
  protected readonly failure = signal<Message | null>(null);

  constructor() {
    effect(() => {
      const code = this.creditCode();
      if (code) untracked(() => this.form.controls.creditCode.setValue(code));
    });
  }

  protected check(): void {
    this.result.set(null);
    this.failure.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.checking.set(true);
    this.api.status(this.form.getRawValue()).subscribe({
      next: (result) => {
        this.checking.set(false);
        this.result.set(result);
      },
      error: (error: unknown) => {
        this.checking.set(false);
        const unknown = error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400);
        this.failure.set(unknown ? { key: 'registration.status.unknown', params: {} } : errorMessage(error));
      },
    });
  }
}

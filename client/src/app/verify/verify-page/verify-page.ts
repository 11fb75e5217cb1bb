import { HttpErrorResponse } from '@angular/common/http';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { CERTIFICATE_CODE, normaliseCertificateCode, type CertificateVerification } from '@common/api/certificates';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { LanguageSwitcher } from '../../core/language/language-switcher/language-switcher';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { Notice } from '../../shared/notice/notice';
import { CertificatesApi } from '../../certificates/certificates-api';

/** Public: anyone holding a payment certificate checks its code; only masked facts come back. */
@Component({
  selector: 'app-verify-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TranslatePipe,
    PeriodPipe,
    Notice,
    LanguageSwitcher,
  ],
  templateUrl: './verify-page.html',
  styleUrl: './verify-page.scss',
})
export class VerifyPage {
  /** The `code` query parameter: the link a certificate's QR code holds, checked as soon as the page opens. */
  readonly code = input<string>();

  private readonly api = inject(CertificatesApi);

  protected readonly form = new FormGroup({ code: new FormControl('', { nonNullable: true }) });
  protected readonly checking = signal(false);
  protected readonly result = signal<CertificateVerification | null>(null);
  protected readonly failure = signal<Message | null>(null);

  constructor() {
    effect(() => {
      const code = this.code();
      if (!code) return;
      untracked(() => {
        this.form.controls.code.setValue(code);
        this.check();
      });
    });
  }

  protected check(): void {
    this.result.set(null);
    this.failure.set(null);
    const code = normaliseCertificateCode(this.form.controls.code.value);
    if (!CERTIFICATE_CODE.test(code)) {
      this.failure.set({ key: 'verify.malformed', params: {} });
      return;
    }
    this.checking.set(true);
    this.api.verify(code).subscribe({
      next: (result) => {
        this.checking.set(false);
        this.result.set(result);
      },
      error: (error: unknown) => {
        this.checking.set(false);
        const unknown = error instanceof HttpErrorResponse && error.status === 404;
        this.failure.set(unknown ? { key: 'verify.unknown', params: {} } : errorMessage(error));
      },
    });
  }
}

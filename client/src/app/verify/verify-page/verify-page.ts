import { HttpErrorResponse } from '@angular/common/http';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatInputModule } from '@angular/material/input';
import type { CertificateVerification } from '@common/api/certificates';
import type { PaymentReceiptVerification } from '@common/api/payment-orders';
import type { ReceiptVerification } from '@common/api/receipts';
import { normaliseVerificationCode, VERIFICATION_CODE, type VerifiedDocument } from '@common/api/verification';
import { shanghaiDateTime } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { LanguageSwitcher } from '../../core/language/language-switcher/language-switcher';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { Notice } from '../../shared/notice/notice';
import { CertificatesApi } from '../../certificates/certificates-api';
import { ReceiptsApi } from '../../receipts/receipts-api';
import { PayApi } from '../../resident-payment/pay-api';
import { FenPipe } from '../../shared/format/fen.pipe';
import { map, type Observable } from 'rxjs';

/** What a code turned out to be: a certificate's facts or a receipt's rows, each as the public may see them. */
type Verified =
  | { document: 'certificate'; certificate: CertificateVerification }
  | { document: 'receipt'; receipt: ReceiptVerification }
  | { document: 'payment'; payment: PaymentReceiptVerification };

/** Public: anyone holding a payment certificate or a submission receipt checks its code; only masked facts come back. */
@Component({
  selector: 'app-verify-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TranslatePipe,
    PeriodPipe,
    FenPipe,
    Notice,
    LanguageSwitcher,
  ],
  templateUrl: './verify-page.html',
  styleUrl: './verify-page.scss',
})
export class VerifyPage {
  /** The `code` query parameter: the link a printed QR code holds, checked as soon as the page opens. */
  readonly code = input<string>();
  /** The `document` query parameter: a receipt's link names it; a certificate's has none. */
  readonly document = input<VerifiedDocument>();

  private readonly certificates = inject(CertificatesApi);
  private readonly receipts = inject(ReceiptsApi);
  private readonly payments = inject(PayApi);

  protected readonly form = new FormGroup({
    document: new FormControl<VerifiedDocument>('certificate', { nonNullable: true }),
    code: new FormControl('', { nonNullable: true }),
  });
  protected readonly checking = signal(false);
  protected readonly result = signal<Verified | null>(null);
  protected readonly failure = signal<Message | null>(null);

  constructor() {
    effect(() => {
      const code = this.code();
      const document = this.document() ?? 'certificate';
      if (!code) return;
      untracked(() => {
        this.form.setValue({ document, code });
        this.check();
      });
    });
  }

  protected check(): void {
    this.result.set(null);
    this.failure.set(null);
    const code = normaliseVerificationCode(this.form.controls.code.value);
    if (!VERIFICATION_CODE.test(code)) {
      this.failure.set({ key: 'verify.malformed', params: {} });
      return;
    }
    this.checking.set(true);
    const document = this.form.controls.document.value;
    const verified: Observable<Verified> =
      document === 'receipt'
        ? this.receipts.verify(code).pipe(map((receipt) => ({ document, receipt })))
        : document === 'payment'
          ? this.payments.verify(code).pipe(map((payment) => ({ document, payment })))
          : this.certificates.verify(code).pipe(map((certificate) => ({ document, certificate })));
    verified.subscribe({
      next: (result) => {
        this.checking.set(false);
        this.result.set(result);
      },
      error: (error: unknown) => {
        this.checking.set(false);
        const unknown = error instanceof HttpErrorResponse && error.status === 404;
        const unknownKey = { certificate: 'verify.unknown', receipt: 'verify.unknownReceipt', payment: 'payment.verify.unknown' }[document];
        this.failure.set(unknown ? { key: unknownKey, params: {} } : errorMessage(error));
      },
    });
  }

  protected at(instant: string): string {
    return shanghaiDateTime(new Date(instant));
  }
}

import { HttpClient } from '@angular/common/http';
import { Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { Payee, PaymentMode, QuoteRequest } from '@common/api/residents';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { FenPipe } from '../../shared/format/fen.pipe';
import { required } from '../../shared/forms/field-validators';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { Notice } from '../../shared/notice/notice';
import { valueOf } from '../../shared/resource-value';
import {
  familyResource,
  PAYMENT_ORDERS_URL,
  payeeResource,
  quoteResource,
  readMode,
  readPersonChoice,
  writePersonChoice,
} from '../resident-payment-api';

/** A later step's parameters must not ask the server again for what an earlier step already has. */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The step the URL's parameters lead to: each step's choice is a query parameter, so reload and back keep the flow. */
export type PaymentStep = 'person' | 'year' | 'mode' | 'amount' | 'confirm';

/**
 * 城乡居民医保缴费, steps 1–6 of the seeds' flow, mobile first: choose the person (self, a family member, or
 * someone else by name and ID number) → their registration and insurance type → the year (only open ones) →
 * daily or special payment (special only for an assisted person) → the amount (shown, never an input) and the
 * day benefits start → the confirmation in the seeds' wording, which creates the payment order.
 */
@Component({
  selector: 'app-payment-steps',
  imports: [
    FenPipe,
    FieldErrorPipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    Notice,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './payment-steps.html',
  styleUrl: './payment-steps.scss',
})
export class PaymentSteps {
  private readonly router = inject(Router);
  private readonly http = inject(HttpClient);
  private readonly query = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });

  /** Someone else's name and ID number: typed on step 1 and kept in the page only, never in the URL. */
  protected readonly other = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [required] }),
    idNumber: new FormControl('', { nonNullable: true, validators: [required] }),
  });
  private readonly otherPayee = signal<Extract<Payee, { kind: 'other' }> | null>(null);

  protected readonly choice = computed(() => readPersonChoice(this.query().get('person')), { equal: sameJson });
  protected readonly year = computed(() => {
    const raw = this.query().get('year');
    return raw !== null && /^\d{4}$/.test(raw) ? Number(raw) : null;
  });
  protected readonly mode = computed(() => readMode(this.query().get('mode')));
  protected readonly confirming = computed(() => this.query().get('confirm') === '1');

  /** The payee as the API takes them; someone else only once their name and ID number are typed in this page. */
  protected readonly payee = computed(
    (): Payee | null => {
      const choice = this.choice();
      if (!choice) return null;
      return choice.kind === 'other' ? this.otherPayee() : choice;
    },
    { equal: sameJson },
  );
  protected readonly step = computed((): PaymentStep => {
    if (!this.payee()) return 'person';
    if (this.year() === null) return 'year';
    if (this.mode() === null) return 'mode';
    return this.confirming() ? 'confirm' : 'amount';
  });

  protected readonly family = familyResource();
  protected readonly payeeInfo = payeeResource(() => this.payee());
  protected readonly request = computed(
    (): QuoteRequest | null => {
      const person = this.payee();
      const year = this.year();
      const mode = this.mode();
      return person && year !== null && mode ? { person, year, mode } : null;
    },
    { equal: sameJson },
  );
  protected readonly quote = quoteResource(() => this.request());
  protected readonly openYear = computed(() => valueOf(this.payeeInfo)?.openYears.find((y) => y.year === this.year()) ?? null);
  protected readonly payeeError = computed((): Message | null => (this.payeeInfo.error() ? errorMessage(this.payeeInfo.error()) : null));
  protected readonly quoteError = computed((): Message | null => (this.quote.error() ? errorMessage(this.quote.error()) : null));
  protected readonly confirmError = signal<Message | null>(null);
  protected readonly paying = signal(false);

  protected choose(kind: 'self'): void {
    this.go({ person: writePersonChoice({ kind }), year: null, mode: null, confirm: null });
  }

  protected chooseMember(memberId: number): void {
    this.go({ person: writePersonChoice({ kind: 'member', memberId }), year: null, mode: null, confirm: null });
  }

  /** Someone else: the server checks the name against the ID number's record on the next step. */
  protected chooseOther(): void {
    if (this.other.invalid) {
      this.other.markAllAsTouched();
      return;
    }
    this.otherPayee.set({ kind: 'other', ...this.other.getRawValue() });
    this.go({ person: writePersonChoice({ kind: 'other' }), year: null, mode: null, confirm: null });
  }

  protected chooseYear(year: number): void {
    this.go({ year, mode: null, confirm: null });
  }

  protected chooseMode(mode: PaymentMode): void {
    this.go({ mode, confirm: null });
  }

  protected toConfirmation(): void {
    this.go({ confirm: 1 });
  }

  protected back(): void {
    history.back();
  }

  /** The order is created from the request, never from an amount the page holds; steps 7–8 follow it. */
  protected confirm(): void {
    const body = this.request();
    if (!body || this.paying()) return;
    this.paying.set(true);
    this.confirmError.set(null);
    this.http.post<{ id: number }>(PAYMENT_ORDERS_URL, body).subscribe({
      next: (order) => void this.router.navigate(['/me/pay/orders', order.id]),
      error: (error: unknown) => {
        this.paying.set(false);
        this.confirmError.set(errorMessage(error));
      },
    });
  }

  private go(params: Record<string, string | number | null>): void {
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge' });
  }
}

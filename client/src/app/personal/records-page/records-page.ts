import { Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { OWN_PAYMENT_SORTS, type OwnCertificate } from '@common/api/personal';
import { isFeePeriod } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { Notice } from '../../shared/notice/notice';
import { PersonalApi } from '../personal-api';

type Sort = (typeof OWN_PAYMENT_SORTS)[number];
const PAGE_SIZE = 12;

/** A YYYYMM text of the URL or a form, or undefined. */
const period = (raw: string | null | undefined) => (raw && isFeePeriod(raw) ? raw : undefined);
const periodControl = (value = '') =>
  new FormControl(value, { nonNullable: true, validators: [(c) => (c.value === '' || isFeePeriod(String(c.value)) ? null : { INVALID: true })] });

/**
 * 个人权益: the person's own insurance per type, employment history, employee payment details (the
 * personal share by month, paged and filtered on the server, the state in the URL) and their own
 * payment certificate with its verification code.
 */
@Component({
  selector: 'app-records-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
    FenPipe,
    PeriodPipe,
    Notice,
  ],
  templateUrl: './records-page.html',
  styleUrl: './records-page.scss',
})
export class RecordsPage {
  private readonly api = inject(PersonalApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly sorts = OWN_PAYMENT_SORTS;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly insurance = this.api.insurance();
  protected readonly employments = this.api.employments();

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  /** The list's state, read from the URL: from, to, page (from 1), sort, direction. */
  protected readonly state = computed(() => {
    const p = this.params();
    const sort = (OWN_PAYMENT_SORTS as readonly string[]).includes(p.get('sort') ?? '') ? (p.get('sort') as Sort) : 'feePeriod';
    const page = /^[1-9]\d{0,5}$/.test(p.get('page') ?? '') ? Number(p.get('page')) - 1 : 0;
    return { from: period(p.get('from')), to: period(p.get('to')), sort, direction: p.get('direction') === 'asc' ? 'asc' : 'desc', page } as const;
  });
  protected readonly details = this.api.paymentDetails(() => {
    const s = this.state();
    return {
      page: s.page,
      pageSize: PAGE_SIZE,
      sort: s.sort,
      direction: s.direction,
      ...(s.from ? { from: s.from } : {}),
      ...(s.to ? { to: s.to } : {}),
    };
  });

  protected readonly filter = new FormGroup({ from: periodControl(this.state().from), to: periodControl(this.state().to) });
  protected readonly certificateForm = new FormGroup({ from: periodControl(), to: periodControl() });
  protected readonly certificate = signal<OwnCertificate | null>(null);
  protected readonly certificateFailure = signal<Message | null>(null);

  protected applyFilter(): void {
    if (this.filter.invalid) {
      this.filter.markAllAsTouched();
      return;
    }
    const { from, to } = this.filter.getRawValue();
    this.navigate({ from: from || null, to: to || null, page: null });
  }

  protected sortBy(sort: Sort): void {
    this.navigate({ sort: sort === 'feePeriod' ? null : sort, page: null });
  }

  protected toggleDirection(): void {
    this.navigate({ direction: this.state().direction === 'desc' ? 'asc' : null, page: null });
  }

  protected paged(event: PageEvent): void {
    this.navigate({ page: event.pageIndex > 0 ? String(event.pageIndex + 1) : null });
  }

  protected issueCertificate(): void {
    const { from, to } = this.certificateForm.getRawValue();
    this.certificateFailure.set(null);
    if (this.certificateForm.invalid || from === '' || to === '') {
      this.certificateForm.markAllAsTouched();
      return;
    }
    this.api.issueCertificate({ from, to }).subscribe({
      next: (certificate) => this.certificate.set(certificate),
      error: (error: unknown) => {
        if (!applyServerErrors(this.certificateForm, error)) this.certificateFailure.set(errorMessage(error));
        else this.certificateFailure.set({ key: 'personal.certificate.nothing', params: {} });
      },
    });
  }

  protected print(): void {
    window.print();
  }

  private navigate(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge' });
  }
}

import { Component, computed, inject, input, numberAttribute } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import { RESIDENT_REGIONS } from '@common/api/residents';
import { shanghaiDateTime, shanghaiParts } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { reviewResidentPaymentsResource } from '../reconciliation-api';

const PAGE_SIZE = 20;

/** The reviewer's resident payments of a year, by region, paged and filtered on the server; the state in the URL. */
@Component({
  selector: 'app-resident-payments-page',
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule, TranslatePipe, FenPipe, LoadError],
  templateUrl: './resident-payments-page.html',
  styleUrl: '../reconciliation-page/reconciliation-page.scss',
})
export class ResidentPaymentsPage {
  /** Query parameters; the year defaults to next year's, the one the collection period pays for. */
  readonly year = input(undefined, { transform: (v: unknown) => (v ? numberAttribute(v) : undefined) });
  readonly region = input<string>();
  readonly page = input(0, { transform: (v: unknown) => numberAttribute(v, 0) });

  private readonly router = inject(Router);
  private readonly thisYear = shanghaiParts(new Date()).year;
  protected readonly years = [this.thisYear + 1, this.thisYear, this.thisYear - 1, this.thisYear - 2];
  protected readonly regions = RESIDENT_REGIONS;
  protected readonly shownYear = computed(() => this.year() ?? this.thisYear + 1);
  protected readonly payments = reviewResidentPaymentsResource(() => ({
    year: this.shownYear(),
    region: this.region(),
    page: this.page(),
    pageSize: PAGE_SIZE,
  }));
  protected readonly pages = computed(() => (this.payments.hasValue() ? Math.max(1, Math.ceil(this.payments.value().total / PAGE_SIZE)) : 1));

  protected show(query: { year?: number; region?: string | null; page?: number }): void {
    void this.router.navigate([], { queryParams: query, queryParamsHandling: 'merge' });
  }

  protected at(instant: string): string {
    return shanghaiDateTime(new Date(instant));
  }
}

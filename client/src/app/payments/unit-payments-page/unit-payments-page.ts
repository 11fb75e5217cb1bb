import { Component, computed, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSortModule, type SortDirection } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { ListPage } from '../../shared/list-page/list-page';
import { Paging } from '../../shared/table/paging';
import { PeriodFilters, type PeriodFilter } from '../period-filters/period-filters';
import { UNIT_PAYMENTS_EXPORT, unitPaymentPageResource, unitPaymentParams, type UnitPaymentFilters } from '../payments-api';
import { rowsOf } from '../../shared/resource-value';

/** 单位缴费明细: the unit's contributions per fee period, due against paid, with the collection that paid them. */
@Component({
  selector: 'app-unit-payments-page',
  imports: [MatButtonModule, MatSortModule, MatTableModule, RouterLink, TranslatePipe, FenPipe, PeriodPipe, PeriodFilters, ListPage],
  templateUrl: './unit-payments-page.html',
  styleUrl: './unit-payments-page.scss',
})
export class UnitPaymentsPage {
  protected readonly columns = [
    'feePeriod',
    'persons',
    'unitAmountFen',
    'personAmountFen',
    'dueFen',
    'paidFen',
    'overdueFen',
    'collectedOn',
    'collectionSerial',
    'print',
  ];
  protected readonly exportUrl = UNIT_PAYMENTS_EXPORT;

  protected readonly periods = signal<PeriodFilter | null>({});
  /** The periods can only be ordered by fee period; the newest first unless the user turns it round. */
  protected readonly direction = signal<SortDirection>('desc');

  private readonly filters = computed((): UnitPaymentFilters | null => {
    const periods = this.periods();
    return periods && { ...periods, direction: this.direction() || 'desc' };
  });
  protected readonly paging = new Paging(this.filters);
  protected readonly payments = unitPaymentPageResource(() => {
    const filters = this.filters();
    return filters && { ...filters, ...this.paging.params() };
  });
  protected readonly rows = rowsOf(this.payments);
  protected readonly exportParams = computed(() => {
    const filters = this.filters();
    return filters && unitPaymentParams(filters);
  });
}

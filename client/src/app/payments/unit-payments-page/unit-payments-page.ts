import { Component, computed } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { unitPaymentQuery } from '@common/api/payments';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { ListPage } from '../../shared/list-page/list-page';
import { listState, queryParam } from '../../shared/list-page/list-state';
import { PeriodFilters, PeriodsInUrl } from '../period-filters/period-filters';
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

  /** The periods and their order (the newest first unless the user turns it round) in the URL. */
  protected readonly list = listState({
    from: queryParam(unitPaymentQuery.shape.from),
    to: queryParam(unitPaymentQuery.shape.to),
    insuranceType: queryParam(unitPaymentQuery.shape.insuranceType),
    direction: queryParam(unitPaymentQuery.shape.direction),
  });
  protected readonly periods = new PeriodsInUrl(this.list);
  protected readonly paging = this.list.paging;

  private readonly filters = computed((): UnitPaymentFilters | null => (this.periods.value() ? this.list.values() : null));
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

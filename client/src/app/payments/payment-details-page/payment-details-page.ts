import { Component, computed, inject, signal } from '@angular/core';
import { FormControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import type { SortDirection } from '@common/api/fields';
import { PAYMENT_STATUSES, type PaymentDetail, type PaymentDetailQuery, type PaymentStatus } from '@common/api/payments';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { ListPage } from '../../shared/list-page/list-page';
import { StatusChip } from '../../shared/status-chip/status-chip';
import { Paging, searchTerm } from '../../shared/table/paging';
import { PaymentDetailDialog, type PaymentDetailDialogData } from '../payment-detail-dialog/payment-detail-dialog';
import { PeriodFilters, type PeriodFilter } from '../period-filters/period-filters';
import { PAYMENT_DETAILS_EXPORT, paymentDetailPageResource, paymentDetailParams, type PaymentDetailFilters } from '../payments-api';
import { rowsOf } from '../../shared/resource-value';

type DetailSort = NonNullable<PaymentDetailQuery['sort']>;

/** The order the list opens in (the server's default): the newest fee periods first. */
const DEFAULT_SORT = { active: 'feePeriod', direction: 'desc' } as const satisfies Sort;

/** 个人缴费明细: the unit's payment detail rows by person, insurance type and fee period. */
@Component({
  selector: 'app-payment-details-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    TranslatePipe,
    FenPipe,
    PeriodPipe,
    PeriodFilters,
    ListPage,
    StatusChip,
  ],
  templateUrl: './payment-details-page.html',
  styleUrl: './payment-details-page.scss',
})
export class PaymentDetailsPage {
  private readonly dialog = inject(MatDialog);

  protected readonly columns = [
    'feePeriod',
    'name',
    'idNumber',
    'insuranceType',
    'baseFen',
    'unitAmountFen',
    'personAmountFen',
    'status',
    'paidAt',
    'actions',
  ];
  protected readonly statuses = PAYMENT_STATUSES;
  protected readonly exportUrl = PAYMENT_DETAILS_EXPORT;

  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly term = searchTerm(this.search);
  protected readonly periods = signal<PeriodFilter | null>({});
  protected readonly status = signal<PaymentStatus | ''>('');
  protected readonly sort = signal<Sort>(DEFAULT_SORT);

  /** Null while the month range is not valid: nothing is asked for then. */
  private readonly filters = computed((): PaymentDetailFilters | null => {
    const periods = this.periods();
    if (periods === null) return null;
    const { active, direction } = this.sort();
    return {
      q: this.term() || undefined,
      ...periods,
      status: this.status() || undefined,
      sort: active as DetailSort,
      direction: direction as SortDirection,
    };
  });
  protected readonly paging = new Paging(this.filters);
  protected readonly details = paymentDetailPageResource(() => {
    const filters = this.filters();
    return filters && { ...filters, ...this.paging.params() };
  });
  protected readonly rows = rowsOf(this.details);
  protected readonly exportParams = computed(() => {
    const filters = this.filters();
    return filters && paymentDetailParams(filters);
  });

  protected showDetail(detail: PaymentDetail): void {
    this.dialog.open<PaymentDetailDialog, PaymentDetailDialogData>(PaymentDetailDialog, { data: { id: detail.id }, width: '640px' });
  }
}

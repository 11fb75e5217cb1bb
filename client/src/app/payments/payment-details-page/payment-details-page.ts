import { Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { PAYMENT_STATUSES, paymentDetailQuery, type PaymentDetail, type PaymentStatus } from '@common/api/payments';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { ListPage } from '../../shared/list-page/list-page';
import { FilterSelect, type ListFilter } from '../../shared/filter-select/filter-select';
import { listState, queryParam } from '../../shared/list-page/list-state';
import { StatusChip } from '../../shared/status-chip/status-chip';
import { PaymentDetailDialog, type PaymentDetailDialogData } from '../payment-detail-dialog/payment-detail-dialog';
import { PeriodFilters, PeriodsInUrl } from '../period-filters/period-filters';
import { PAYMENT_DETAILS_EXPORT, paymentDetailPageResource, paymentDetailParams, type PaymentDetailFilters } from '../payments-api';
import { rowsOf } from '../../shared/resource-value';

/** 个人缴费明细: the unit's payment detail rows by person, insurance type and fee period. */
@Component({
  selector: 'app-payment-details-page',
  imports: [MatButtonModule, MatSortModule, MatTableModule, TranslatePipe, FenPipe, PeriodPipe, PeriodFilters, ListPage, FilterSelect, StatusChip],
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
  protected readonly statusFilter: ListFilter<PaymentStatus> = {
    label: 'payments.fields.status',
    options: PAYMENT_STATUSES,
    optionLabels: 'payments.status',
    allLabel: 'payments.all',
  };
  protected readonly exportUrl = PAYMENT_DETAILS_EXPORT;

  /** Search, periods, status and order (the newest period first unless a header is clicked) in the URL. */
  protected readonly list = listState({
    q: queryParam(paymentDetailQuery.shape.q),
    from: queryParam(paymentDetailQuery.shape.from),
    to: queryParam(paymentDetailQuery.shape.to),
    insuranceType: queryParam(paymentDetailQuery.shape.insuranceType),
    status: queryParam(paymentDetailQuery.shape.status),
    sort: queryParam(paymentDetailQuery.shape.sort),
    direction: queryParam(paymentDetailQuery.shape.direction),
  });
  protected readonly search = this.list.searchBox('q');
  protected readonly periods = new PeriodsInUrl(this.list);
  protected readonly paging = this.list.paging;

  /** Null while the month range is not valid: nothing is asked for then. */
  private readonly filters = computed((): PaymentDetailFilters | null => (this.periods.value() ? this.list.values() : null));
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

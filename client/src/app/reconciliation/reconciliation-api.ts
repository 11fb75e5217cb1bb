import { httpResource } from '@angular/common/http';
import type { Reconciliation, ReviewResidentPaymentPage } from '@common/api/payment-orders';
import { queryParams } from '../shared/table/paging';

/** The day's paid orders against the payment channel's statement. */
export function reconciliationResource(day: () => string | undefined) {
  return httpResource<Reconciliation>(() => {
    const d = day();
    return d ? { url: '/api/review/reconciliation', params: { day: d } } : undefined;
  });
}

/** A page of the year's resident payments, in a region or all. */
export function reviewResidentPaymentsResource(query: () => { year: number; region?: string; page: number; pageSize: number }) {
  return httpResource<ReviewResidentPaymentPage>(() => {
    const { year, region, page, pageSize } = query();
    return { url: '/api/review/resident-payments', params: queryParams({ year, region, page, pageSize }) };
  });
}

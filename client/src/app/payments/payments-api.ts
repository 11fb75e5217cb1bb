import { httpResource } from '@angular/common/http';
import type { PaymentDetail, PaymentDetailPage, PaymentDetailQuery, UnitPaymentPage, UnitPaymentQuery } from '@common/api/payments';
import { pageResource } from '../shared/table/page-resource';
import { queryParams, type PageParams } from '../shared/table/paging';

/** The filters and order of the employee payment details, as the list and its export both send them. */
export type PaymentDetailFilters = Omit<PaymentDetailQuery, keyof PageParams>;
export type UnitPaymentFilters = Omit<UnitPaymentQuery, keyof PageParams>;

export const PAYMENT_DETAILS_EXPORT = '/api/payments/details/export';
export const UNIT_PAYMENTS_EXPORT = '/api/payments/periods/export';

export function paymentDetailParams({ q, from, to, insuranceType, status, sort, direction }: PaymentDetailFilters) {
  return queryParams({ q, from, to, insuranceType, status, sort, direction });
}

export function unitPaymentParams({ from, to, insuranceType, direction }: UnitPaymentFilters) {
  return queryParams({ from, to, insuranceType, direction });
}

/** One page of the employee payment details; idle while the filters are not valid. */
export function paymentDetailPageResource(query: () => (PaymentDetailFilters & PageParams) | null) {
  return pageResource<PaymentDetailPage, PaymentDetailFilters>('/api/payments/details', paymentDetailParams, query);
}

/** One page of the unit's payments per fee period; idle while the filters are not valid. */
export function unitPaymentPageResource(query: () => (UnitPaymentFilters & PageParams) | null) {
  return pageResource<UnitPaymentPage, UnitPaymentFilters>('/api/payments/periods', unitPaymentParams, query);
}

/** One payment detail with the whole ID number. */
export function paymentDetailResource(id: () => number) {
  return httpResource<PaymentDetail>(() => `/api/payments/details/${id()}`);
}

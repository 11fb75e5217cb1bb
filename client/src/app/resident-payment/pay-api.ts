import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { PaymentOrder, PaymentReceipt, PaymentReceiptVerification, PayStart, ResidentPaymentPage } from '@common/api/payment-orders';
import type { Observable } from 'rxjs';

/** Steps 7–8 of the payment flow: the order, the channel's pay page, the payment records and the receipt. */
@Service()
export class PayApi {
  private readonly http = inject(HttpClient);

  /** The order as it stands; a paying one is checked with the channel by the server. */
  order(id: number): Observable<PaymentOrder> {
    return this.http.get<PaymentOrder>(`/api/me/payment-orders/${id}`);
  }

  /** The channel's pay page for the open order. */
  pay(id: number): Observable<PayStart> {
    return this.http.post<PayStart>(`/api/me/payment-orders/${id}/pay`, {});
  }

  receipt(id: number): Observable<PaymentReceipt> {
    return this.http.get<PaymentReceipt>(`/api/me/payment-orders/${id}/receipt`);
  }

  residentPayments(query: { page: number; pageSize: number; year?: number }): Observable<ResidentPaymentPage> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    if (query.year) params = params.set('year', query.year);
    return this.http.get<ResidentPaymentPage>('/api/me/resident-payments', { params });
  }

  /** Public: what anyone holding an electronic payment receipt may learn. */
  verify(code: string): Observable<PaymentReceiptVerification> {
    return this.http.get<PaymentReceiptVerification>(`/api/payment-receipts/verify/${encodeURIComponent(code)}`);
  }
}

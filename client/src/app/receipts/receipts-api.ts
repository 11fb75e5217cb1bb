import { HttpClient } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { ReceiptCode, ReceiptRequest, ReceiptVerification } from '@common/api/receipts';
import type { Observable } from 'rxjs';

@Service()
export class ReceiptsApi {
  private readonly http = inject(HttpClient);

  /** The receipt's verification code: issued the first time the receipt is printed, the same ever after. */
  code(request: ReceiptRequest): Observable<ReceiptCode> {
    return this.http.post<ReceiptCode>('/api/receipts', request);
  }

  /** Public: what anyone holding the code may learn. */
  verify(code: string): Observable<ReceiptVerification> {
    return this.http.get<ReceiptVerification>(`/api/receipts/verify/${encodeURIComponent(code)}`);
  }
}

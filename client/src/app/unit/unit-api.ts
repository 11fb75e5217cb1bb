import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Submission } from '@common/api/submissions';
import type { BankAccountChangeInput, BankBranchPage, BankBranchQuery, UnitInfoChangeInput } from '@common/api/maintenance';
import type { UnitInfo } from '@common/api/payments';
import type { Observable } from 'rxjs';
import { idempotencyHeaders } from '../shared/idempotency';
import { queryParams } from '../shared/table/paging';

/** The signed-in unit's basic, contact, registration and bank information, and its changes pending review. */
export function unitInfoResource() {
  return httpResource<UnitInfo>(() => '/api/unit');
}

/** What the branch search sends: the typed text and the bank chosen, if any. */
export type BranchSearch = Pick<BankBranchQuery, 'q' | 'bankCategory'>;

/** The first branches matching what is typed; nothing is asked while the search is undefined. */
export function bankBranchesResource(search: () => BranchSearch | undefined) {
  return httpResource<BankBranchPage>(() => {
    const s = search();
    return s && { url: '/api/bank-branches', params: queryParams({ q: s.q, bankCategory: s.bankCategory }) };
  });
}

/** Changes of the unit's registered facts: submitted for review, applied when approved. */
@Service()
export class UnitApi {
  private readonly http = inject(HttpClient);

  changeInfo(change: UnitInfoChangeInput, key: string): Observable<Submission> {
    return this.http.post<Submission>('/api/unit/info-changes', change, { headers: idempotencyHeaders(key) });
  }

  /** The unit administrator's only. */
  changeBankAccount(change: BankAccountChangeInput, key: string): Observable<Submission> {
    return this.http.post<Submission>('/api/unit/bank-account-changes', change, { headers: idempotencyHeaders(key) });
  }
}

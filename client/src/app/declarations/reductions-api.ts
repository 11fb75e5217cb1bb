import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { InsuredPage, InsuredQuery, ReductionInput, ReductionOptions } from '@common/api/declarations';
import type { Submission } from '@common/api/submissions';
import type { Observable } from 'rxjs';
import { idempotencyHeaders } from '../shared/idempotency';
import { queryParams, type PagedQuery } from '../shared/table/paging';

/** The stop month (always the current one) and the reasons a reduction may give. */
export function reductionOptionsResource() {
  return httpResource<ReductionOptions>(() => '/api/reductions/options');
}

/** The unit's insured persons matching a search, one page at a time. */
export function insuredPersonsResource(query: () => PagedQuery<InsuredQuery>) {
  return httpResource<InsuredPage>(() => {
    const { q, status, page, pageSize, sort, direction } = query();
    return { url: '/api/insured-persons', params: queryParams({ q, status, page, pageSize, sort, direction }) };
  });
}

@Service()
export class ReductionsApi {
  private readonly http = inject(HttpClient);

  /** `corrects`: the rejected reduction this one corrects. */
  submit(input: ReductionInput, key: string, corrects?: number): Observable<Submission> {
    return this.http.post<Submission>('/api/reductions', input, { headers: idempotencyHeaders(key), params: queryParams({ corrects }) });
  }
}

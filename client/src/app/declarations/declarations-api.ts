import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Submission, SubmissionPage, SubmissionQuery } from '@common/api/submissions';
import type { Observable } from 'rxjs';
import { queryParams, type PagedQuery } from '../shared/table/paging';

export type QueueQuery = PagedQuery<Omit<SubmissionQuery, 'batchId'>> & { batchId?: number };

/** One page of the unit's pending or audited declarations. */
export function declarationPageResource(query: () => QueueQuery) {
  return httpResource<SubmissionPage>(() => {
    const { queue, kind, q, batchId, page, pageSize } = query();
    return { url: '/api/declarations', params: queryParams({ queue, kind, q, batchId, page, pageSize }) };
  });
}

@Service()
export class DeclarationsApi {
  private readonly http = inject(HttpClient);

  /** With the whole ID number and the submitted fields. */
  detail(id: number): Observable<Submission> {
    return this.http.get<Submission>(`/api/declarations/${id}`);
  }

  /** A pending declaration taken back by the unit; it never takes effect. */
  withdraw(id: number): Observable<Submission> {
    return this.http.post<Submission>(`/api/declarations/${id}/withdraw`, null);
  }
}

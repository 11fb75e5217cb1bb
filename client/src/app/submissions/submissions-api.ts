import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Submission, SubmissionPage, SubmissionQuery } from '@common/api/submissions';
import type { Observable } from 'rxjs';
import { queryParams, type PagedQuery } from '../shared/table/paging';

export type QueueQuery = PagedQuery<Omit<SubmissionQuery, 'batchId'>> & { batchId?: number };

/** One page of the unit's pending or audited submissions. */
export function submissionPageResource(query: () => QueueQuery) {
  return httpResource<SubmissionPage>(() => {
    const { queue, kind, q, batchId, page, pageSize } = query();
    return { url: '/api/submissions', params: queryParams({ queue, kind, q, batchId, page, pageSize }) };
  });
}

@Service()
export class SubmissionsApi {
  private readonly http = inject(HttpClient);

  /** With the whole ID number and the submitted fields. */
  detail(id: number): Observable<Submission> {
    return this.http.get<Submission>(`/api/submissions/${id}`);
  }

  /** A pending submission taken back by the unit; it never takes effect. */
  withdraw(id: number): Observable<Submission> {
    return this.http.post<Submission>(`/api/submissions/${id}/withdraw`, null);
  }
}

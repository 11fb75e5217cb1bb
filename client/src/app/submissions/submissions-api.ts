import { HttpClient } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Submission, SubmissionPage, SubmissionQuery } from '@common/api/submissions';
import type { Observable } from 'rxjs';
import { pageResource } from '../shared/table/page-resource';
import { queryParams, type PageParams } from '../shared/table/paging';

/** A queue and its filters, as the list and its export both send them. */
export type QueueFilters = Omit<SubmissionQuery, keyof PageParams | 'batchId'> & { batchId?: number };

export const SUBMISSIONS_EXPORT = '/api/submissions/export';

export function queueParams({ queue, kind, q, batchId }: QueueFilters) {
  return queryParams({ queue, kind, q, batchId });
}

/** One page of the unit's pending or audited submissions. */
export function submissionPageResource(query: () => QueueFilters & PageParams) {
  return pageResource<SubmissionPage, QueueFilters>('/api/submissions', queueParams, query);
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

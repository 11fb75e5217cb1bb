import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { ReviewDecision, ReviewQuery, ReviewResult, Submission, SubmissionPage } from '@common/api/submissions';
import type { ReviewerHome } from '@common/api/home';
import type { AssessmentResult, CollectionRequest, CollectionResult, UnitSummaryPage } from '@common/api/payments';
import type { FeePeriod } from '@common/fee-period';
import type { Observable } from 'rxjs';
import { queryParams, type PagedQuery } from '../shared/table/paging';

/** Work waiting for the agency across all units. */
export function reviewerHomeResource() {
  return httpResource<ReviewerHome>(() => '/api/review/home');
}

export type ReviewListQuery = PagedQuery<Omit<ReviewQuery, 'unitId' | 'batchId'>> & { unitId?: number; batchId?: number };

/** One page of every unit's submissions, as the reviewer filters them. */
export function reviewSubmissionsResource(query: () => ReviewListQuery) {
  return httpResource<SubmissionPage>(() => {
    const { status, unitId, kind, from, to, batchId, page, pageSize } = query();
    return { url: '/api/review/submissions', params: queryParams({ status, unitId, kind, from, to, batchId, page, pageSize }) };
  });
}

/** How many units the picker offers at once: enough to choose from, few enough to read. */
const UNIT_OPTIONS = 10;

/** Units whose name contains the search or whose credit code starts with it; nothing asked while it is empty. */
export function reviewUnitsResource(q: () => string) {
  return httpResource<UnitSummaryPage>(() => {
    const search = q();
    return search ? { url: '/api/review/units', params: { q: search, pageSize: UNIT_OPTIONS } } : undefined;
  });
}

@Service()
export class ReviewApi {
  private readonly http = inject(HttpClient);

  detail(id: number): Observable<Submission> {
    return this.http.get<Submission>(`/api/review/submissions/${id}`);
  }

  /** Approves or rejects one submission; a rejection needs a reason. */
  decide(id: number, decision: ReviewDecision): Observable<ReviewResult> {
    return this.http.post<ReviewResult>(`/api/review/submissions/${id}/decision`, decision);
  }

  /** Approves or rejects every pending submission of a batch at once. */
  decideBatch(batchId: number, decision: ReviewDecision): Observable<ReviewResult> {
    return this.http.post<ReviewResult>(`/api/review/batches/${batchId}/decision`, decision);
  }

  /** Assesses a unit's fee period again from the enrollments in force. */
  assess(unitId: number, feePeriod: FeePeriod): Observable<AssessmentResult> {
    return this.http.post<AssessmentResult>('/api/review/assessments', { unitId, feePeriod });
  }

  /** Records the amount received for a unit's fee period: its unpaid details become paid. */
  recordCollection(collection: CollectionRequest): Observable<CollectionResult> {
    return this.http.post<CollectionResult>('/api/review/collections', collection);
  }
}

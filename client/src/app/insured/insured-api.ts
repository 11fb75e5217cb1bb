import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { InsuredPage, InsuredQuery } from '@common/api/declarations';
import type { Submission } from '@common/api/submissions';
import type { ContactChangeInput, HukouChangeInput } from '@common/api/maintenance';
import type { InsuredPersonDetail } from '@common/api/payments';
import { map, of, switchMap, type Observable } from 'rxjs';
import { idempotencyHeaders } from '../shared/idempotency';
import { pageResource } from '../shared/table/page-resource';
import { queryParams, type PageParams } from '../shared/table/paging';

/** The filters and order of the insured list, as the list and its export both send them. */
export type InsuredFilters = Omit<InsuredQuery, keyof PageParams>;

export const INSURED_EXPORT = '/api/insured-persons/export';

export function insuredParams({ q, status, sort, direction }: InsuredFilters) {
  return queryParams({ q, status, sort, direction });
}

/** One page of the persons the unit insures or once insured. */
export function insuredPageResource(query: () => InsuredFilters & PageParams) {
  return pageResource<InsuredPage, InsuredFilters>('/api/insured-persons', insuredParams, query);
}

/** One insured person in full: basic, contact, employment and enrollments. */
export function insuredDetailResource(personId: () => number) {
  return httpResource<InsuredPersonDetail>(() => `/api/insured-persons/${personId()}`);
}

/** Maintenance of a person the unit insures. */
@Service()
export class InsuredApi {
  private readonly http = inject(HttpClient);

  /** Applies at once; answers the person as now recorded. Sending the same twice changes nothing more. */
  changeContact(personId: number, change: ContactChangeInput): Observable<InsuredPersonDetail> {
    return this.http.put<InsuredPersonDetail>(`/api/insured-persons/${personId}/contact`, change);
  }

  /** Submitted for review, applied when approved. `corrects`: the rejected change this one corrects. */
  changeHukou(personId: number, change: HukouChangeInput, key: string, corrects?: number): Observable<Submission> {
    return this.http.post<Submission>(`/api/insured-persons/${personId}/hukou-changes`, change, {
      headers: idempotencyHeaders(key),
      params: queryParams({ corrects }),
    });
  }

  /** The unit's person with the whole ID number (a submission names its person so), in detail; null when not found. */
  personWith(idNumber: string): Observable<InsuredPersonDetail | null> {
    return this.http.get<InsuredPage>('/api/insured-persons', { params: { q: idNumber } }).pipe(
      map((page) => page.items.find((person) => person.idNumber === idNumber) ?? null),
      switchMap((found) => (found ? this.http.get<InsuredPersonDetail>(`/api/insured-persons/${found.personId}`) : of(null))),
    );
  }
}

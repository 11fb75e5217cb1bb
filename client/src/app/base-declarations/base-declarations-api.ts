import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { BaseDeclarationInput, BaseDeclarationStatus, BasePerson, BasePersonPage, BasePersonQuery } from '@common/api/base-declarations';
import type { Submission } from '@common/api/submissions';
import { forkJoin, map, type Observable } from 'rxjs';
import { idempotencyHeaders } from '../shared/idempotency';
import { pageResource } from '../shared/table/page-resource';
import { queryParams, type PageParams } from '../shared/table/paging';

/** The filters of the year's list of persons, as the list sends them. */
export type BasePersonFilters = Omit<BasePersonQuery, keyof PageParams>;

export const BASE_DECLARATION_EXPORT = '/api/base-declarations/export';

export function basePersonParams({ status, q }: BasePersonFilters) {
  return queryParams({ status, q });
}

/** One page of the unit's persons for the year's declaration. */
export function basePersonPageResource(query: () => BasePersonFilters & PageParams) {
  return pageResource<BasePersonPage, BasePersonFilters>('/api/base-declarations/persons', basePersonParams, query);
}

/** The year being declared (or last declared), whether its window is open, and the next window. */
export function baseDeclarationStatusResource() {
  return httpResource<BaseDeclarationStatus>(() => '/api/base-declarations/status');
}

@Service()
export class BaseDeclarationsApi {
  private readonly http = inject(HttpClient);

  /** Submitted for review; the base applies from the year's first month once approved. `corrects`: the rejected declaration this one corrects. */
  declare(input: BaseDeclarationInput, key: string, corrects?: number): Observable<Submission> {
    return this.http.post<Submission>('/api/base-declarations', input, { headers: idempotencyHeaders(key), params: queryParams({ corrects }) });
  }

  /**
   * One person of the unit as the year's declaration sees them (their base now), found by the whole ID
   * number among the undeclared and the declared; null when their declaration is pending (or they are not
   * insured here now). Without `personId` (a rejected declaration names only the ID number), the one found.
   */
  declarable(idNumber: string, personId?: number): Observable<BasePerson | null> {
    const among = (status: 'undeclared' | 'declared') =>
      this.http.get<BasePersonPage>('/api/base-declarations/persons', { params: basePersonParams({ status, q: idNumber }) });
    return forkJoin([among('undeclared'), among('declared')]).pipe(
      map((pages) => pages.flatMap((page) => page.items).find((person) => personId === undefined || person.personId === personId) ?? null),
    );
  }
}

import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Declaration, DeclarationPage, DeclarationQuery } from '@common/api/declarations';
import type { Observable } from 'rxjs';
import { queryParams, type PagedQuery } from '../shared/table/paging';

export type QueueQuery = PagedQuery<Omit<DeclarationQuery, 'batchId'>> & { batchId?: number };

/** One page of the unit's pending or audited declarations. */
export function declarationPageResource(query: () => QueueQuery) {
  return httpResource<DeclarationPage>(() => {
    const { queue, type, q, batchId, page, pageSize } = query();
    return { url: '/api/declarations', params: queryParams({ queue, type, q, batchId, page, pageSize }) };
  });
}

@Service()
export class DeclarationsApi {
  private readonly http = inject(HttpClient);

  /** With the whole ID number and the submitted fields. */
  detail(id: number): Observable<Declaration> {
    return this.http.get<Declaration>(`/api/declarations/${id}`);
  }

  /** A pending declaration taken back by the unit; it never takes effect. */
  withdraw(id: number): Observable<Declaration> {
    return this.http.post<Declaration>(`/api/declarations/${id}/withdraw`, null);
  }
}

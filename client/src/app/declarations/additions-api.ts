import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { AdditionInput, AdditionOptions, Quote, QuoteRequest } from '@common/api/declarations';
import type { Submission } from '@common/api/submissions';
import type { Observable } from 'rxjs';
import { idempotencyHeaders } from '../shared/idempotency';
import { queryParams } from '../shared/table/paging';

/** The effective months the server allows now (cut-off applied) and the unit's insurance types. */
export function additionOptionsResource() {
  return httpResource<AdditionOptions>(() => '/api/additions/options');
}

@Service()
export class AdditionsApi {
  private readonly http = inject(HttpClient);

  /** The contribution base after clamping and the monthly amounts, for the confirmation step. */
  quote(request: QuoteRequest): Observable<Quote> {
    return this.http.post<Quote>('/api/additions/quote', request);
  }

  /**
   * `key` is the confirmation's Idempotency-Key: a retry with the same key never creates a second addition.
   * `corrects`: the rejected addition this one corrects.
   */
  submit(input: AdditionInput, key: string, corrects?: number): Observable<Submission> {
    const params = queryParams({ corrects });
    return this.http.post<Submission>('/api/additions', input, { headers: idempotencyHeaders(key), params });
  }
}

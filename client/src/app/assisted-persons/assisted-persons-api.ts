import { HttpClient } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { AssistedCategory, AssistedImportResult, AssistedPerson, AssistedPersonInput, AssistedPersonPage } from '@common/api/residents';
import { XLSX_CONTENT_TYPE } from '@common/xlsx';
import type { Observable } from 'rxjs';
import { pageResource } from '../shared/table/page-resource';
import { queryParams, type PageParams } from '../shared/table/paging';

export interface AssistedFilters {
  year?: number;
  category?: AssistedCategory;
  q?: string;
}

export const assistedParams = (f: AssistedFilters) => queryParams({ year: f.year, category: f.category, q: f.q });

/** One page of the agency's assisted list, filtered on the server. */
export function assistedPageResource(query: () => (AssistedFilters & PageParams) | null) {
  return pageResource<AssistedPersonPage, AssistedFilters>('/api/assisted-persons', assistedParams, query);
}

export const ASSISTED_TEMPLATE_URL = '/api/assisted-persons/template';

@Service()
export class AssistedPersonsApi {
  private readonly http = inject(HttpClient);

  add(input: AssistedPersonInput): Observable<AssistedPerson> {
    return this.http.post<AssistedPerson>('/api/assisted-persons', input);
  }

  remove(id: number): Observable<void> {
    return this.http.delete<void>(`/api/assisted-persons/${id}`);
  }

  /** The raw workbook as the body; `commit` writes every row at once, or nothing when any row has a problem. */
  import(file: Blob, commit: boolean): Observable<AssistedImportResult> {
    return this.http.post<AssistedImportResult>('/api/assisted-persons/import', file, {
      params: { commit: String(commit) },
      headers: { 'Content-Type': XLSX_CONTENT_TYPE },
    });
  }
}

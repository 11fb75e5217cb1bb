import { httpResource, type HttpResourceRef } from '@angular/common/http';
import type { PageParams } from './paging';

/**
 * One page of a server-paged list at `url`: the filters go through `toParams` (the same function the list's
 * export uses, so both send the same query), then the page. Idle while `query` gives null (filters not valid).
 */
export function pageResource<Page, Filters>(
  url: string,
  toParams: (filters: Filters) => Record<string, string | number>,
  query: () => (Filters & PageParams) | null,
): HttpResourceRef<Page | undefined> {
  return httpResource<Page>(() => {
    const current = query();
    if (!current) return undefined;
    const { page, pageSize, ...filters } = current;
    return { url, params: { ...toParams(filters as Filters), page, pageSize } };
  });
}

import { httpResource } from '@angular/common/http';
import type { InsuredPage, InsuredQuery } from '@common/api/declarations';
import type { InsuredPersonDetail } from '@common/api/payments';
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

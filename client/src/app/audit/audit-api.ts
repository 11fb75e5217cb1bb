import type { AuditPage, AuditQuery } from '@common/api/audit';
import { pageResource } from '../shared/table/page-resource';
import { queryParams, type PageParams } from '../shared/table/paging';

/** The filters of the audit trail, as the list and its export both send them. */
export type AuditFilters = Omit<AuditQuery, keyof PageParams | 'user'> & { user?: number };

export const AUDIT_EXPORT = '/api/audit/export';

export function auditParams({ user, type, from, to, q }: AuditFilters) {
  return queryParams({ user, type, from, to, q });
}

/** One page of the unit's audit trail, newest first; idle while the filters are not valid. */
export function auditPageResource(query: () => (AuditFilters & PageParams) | null) {
  return pageResource<AuditPage, AuditFilters>('/api/audit', auditParams, query);
}

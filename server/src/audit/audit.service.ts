import type { Knex } from 'knex';
import type { AuditFilterValues, AuditPage } from '@common/api/audit';
import { AuditTrailStore } from './audit.store';

/** The unit administrator's view of the unit's audit trail. */
export class AuditService {
  constructor(private readonly db: Knex) {}

  async page(unitId: number, query: AuditFilterValues & { page: number; pageSize: number }): Promise<AuditPage> {
    const { page, pageSize, ...filters } = query;
    return { ...(await new AuditTrailStore(this.db).page(unitId, filters, page, pageSize)), page, pageSize };
  }

  async export(unitId: number, filters: AuditFilterValues) {
    const store = new AuditTrailStore(this.db);
    return { total: await store.count(unitId, filters), pages: store.keysetPages(unitId, filters) };
  }
}

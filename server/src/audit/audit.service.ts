import type { Knex } from 'knex';
import type { AuditFilterValues, AuditPage } from '@common/api/audit';
import { AuditTrailStore } from './audit.store';

/** The unit administrator's view of the unit's audit trail. */
export class AuditService {
  constructor(private readonly trail: AuditTrailStore) {}

  async page(unitId: number, query: AuditFilterValues & { page: number; pageSize: number }): Promise<AuditPage> {
    const { page, pageSize, ...filters } = query;
    return { ...(await this.trail.page(unitId, filters, page, pageSize)), page, pageSize };
  }

  /** The rows to export, and how the user filter reads: only a user of this unit is named, another unit's stays an id. */
  async export(unitId: number, filters: AuditFilterValues) {
    const userName = filters.user ? await this.trail.userNameInUnit(unitId, filters.user) : undefined;
    return { total: await this.trail.count(unitId, filters), pages: this.trail.keysetPages(unitId, filters), userName };
  }
}

/** The audit feature's wiring on a knex handle. */
export function createAuditService(db: Knex): AuditService {
  return new AuditService(new AuditTrailStore(db));
}

import type { Knex } from 'knex';
import type { AuditFilterValues, AuditPage } from '@common/api/audit';
import { AuditTrailStore, type AuditEntry } from './audit.store';

export type { AuditEntry };

/** The audit trail: every feature appends to it in its use case's transaction; the unit administrator reads it. */
export class AuditService {
  private readonly trail: AuditTrailStore;
  /** The trail's pages, read through `pages` (Database.pages). */
  private readonly pages: AuditTrailStore;

  /** The feature's wiring on a knex handle; `pages`, where the trail's pages are read, is `db` unless given. */
  constructor(db: Knex, pages: Knex = db) {
    this.trail = new AuditTrailStore(db);
    this.pages = new AuditTrailStore(pages);
  }

  /** Build the service on the use case's transaction, so the entry commits or rolls back with what it records. */
  record(entry: AuditEntry): Promise<void> {
    return this.trail.append(entry);
  }

  recordAll(entries: AuditEntry[]): Promise<void> {
    return this.trail.appendAll(entries);
  }

  async page(unitId: number, query: AuditFilterValues & { page: number; pageSize: number }): Promise<AuditPage> {
    const { page, pageSize, ...filters } = query;
    return { ...(await this.pages.page(unitId, filters, page, pageSize)), page, pageSize };
  }

  /** The rows to export, and how the user filter reads: only a user of this unit is named, another unit's stays an id. */
  async export(unitId: number, filters: AuditFilterValues) {
    const userName = filters.user ? await this.trail.userNameInUnit(unitId, filters.user) : undefined;
    return { total: await this.trail.count(unitId, filters), pages: this.trail.keysetPages(unitId, filters), userName };
  }
}

import type { Knex } from 'knex';
import { INSERT_CHUNK_ROWS } from '../db/dialect';

export interface AuditEntry {
  at: string;
  userId: number | null;
  unitId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

const toRow = (entry: AuditEntry) => ({
  at: entry.at,
  user_id: entry.userId,
  unit_id: entry.unitId,
  action: entry.action,
  entity_type: entry.entityType,
  entity_id: entry.entityId == null ? null : String(entry.entityId),
  before: entry.before === undefined ? null : JSON.stringify(entry.before),
  after: entry.after === undefined ? null : JSON.stringify(entry.after),
  request_id: entry.requestId ?? null,
});

/** Appends to the audit log; the table refuses updates and deletes (see db/dialect.ts). */
export async function recordAudit(db: Knex, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert(toRow(entry));
}

/** One entry per thing a use case changed, in chunked inserts (a batch approval touches thousands). */
export async function recordAudits(db: Knex, entries: AuditEntry[]): Promise<void> {
  await db.batchInsert('audit_log', entries.map(toRow), INSERT_CHUNK_ROWS);
}

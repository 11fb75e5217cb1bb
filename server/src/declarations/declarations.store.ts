import type { Knex } from 'knex';
import { DECLARATION_KINDS, type BatchKind, type DeclarationKind } from '@common/api/declarations';
import { chunks, IN_LIST_CHUNK } from '../db/dialect';

/** The regional default when no cut-off day is configured (domain.md). */
const DEFAULT_CUTOFF_DAY = 25;

/** Where a person's pending addition or reduction is: its number, and its batch and row when it came from a file. */
export interface PendingDeclaration {
  kind: DeclarationKind;
  id: number;
  batchId: number | null;
  rowNumber: number | null;
}

/** What only additions and reductions read and write: the cut-off day, who is pending, batches. */
export class DeclarationStore {
  constructor(private readonly db: Knex) {}

  async cutoffDay(): Promise<number> {
    const row = await this.db('settings').where({ key: 'cutoff_day' }).first<{ value: string } | undefined>('value');
    return row ? Number(row.value) : DEFAULT_CUTOFF_DAY;
  }

  /** The pending addition or reduction of each ID number in the unit (at most one can be pending). */
  async pendingOf(unitId: number, idNumbers: readonly string[]): Promise<Map<string, PendingDeclaration>> {
    const pending = new Map<string, PendingDeclaration>();
    for (const chunk of chunks([...new Set(idNumbers)], IN_LIST_CHUNK)) {
      const rows = await this.db('declarations')
        .where({ unit_id: unitId, status: 'pending' })
        .whereIn('type', DECLARATION_KINDS)
        .whereIn('id_number', chunk)
        .select<{ id_number: string; type: DeclarationKind; id: number; batch_id: number | null; row_number: number | null }[]>(
          'id_number',
          'type',
          'id',
          'batch_id',
          'row_number',
        );
      for (const row of rows) pending.set(row.id_number, { kind: row.type, id: row.id, batchId: row.batch_id, rowNumber: row.row_number });
    }
    return pending;
  }

  async insertBatch(batch: {
    unitId: number;
    kind: BatchKind;
    fileName: string;
    rowCount: number;
    submittedBy: number;
    at: string;
  }): Promise<number> {
    const [row] = await this.db('batches')
      .insert({
        unit_id: batch.unitId,
        type: batch.kind,
        file_name: batch.fileName,
        row_count: batch.rowCount,
        submitted_by: batch.submittedBy,
        submitted_at: batch.at,
      })
      .returning<{ id: number }[]>('id');
    return row.id;
  }
}

import type { Knex } from 'knex';
import type { SubmissionKind, SubmissionStatus } from '@common/api/submissions';

/** What a receipt is of: one submission or one batch. */
export type ReceiptOf = { submissionId: number } | { batchId: number };

export interface ReceiptRow {
  code: string;
  submission_id: number | null;
  batch_id: number | null;
}

/** A submission as its receipt prints it; person_name and id_number are null for a change of the unit's own facts. */
export interface ReceiptSubmissionRow {
  id: number;
  type: SubmissionKind;
  status: SubmissionStatus;
  person_name: string | null;
  id_number: string | null;
  effective_month: string | null;
  row_number: number | null;
  submitted_at: string;
}

const whereOf = (of: ReceiptOf) => ('submissionId' in of ? { submission_id: of.submissionId } : { batch_id: of.batchId });

/** Receipt codes, and the submissions a receipt shows; unit-scoped except the lookup by code. */
export class ReceiptStore {
  constructor(private readonly db: Knex) {}

  /** Whether the submission or batch is the unit's. */
  async isOfUnit(unitId: number, of: ReceiptOf): Promise<boolean> {
    const [table, id] = 'submissionId' in of ? ['declarations', of.submissionId] : ['batches', of.batchId];
    return (await this.db(table).where({ id, unit_id: unitId }).first<{ id: number } | undefined>('id')) !== undefined;
  }

  async codeOf(unitId: number, of: ReceiptOf): Promise<string | undefined> {
    const row = await this.db('receipts')
      .where({ unit_id: unitId, ...whereOf(of) })
      .first<{ code: string } | undefined>('code');
    return row?.code;
  }

  /** Stores the code unless the receipt has one already: of two prints at once, the first code stays. */
  async insert(unitId: number, of: ReceiptOf, code: string, issuedAt: string): Promise<void> {
    await this.db('receipts')
      .insert({ code, unit_id: unitId, ...whereOf(of), issued_at: issuedAt })
      .onConflict('submissionId' in of ? 'submission_id' : 'batch_id')
      .ignore();
  }

  /** By the unique index on code. */
  async byCode(code: string): Promise<ReceiptRow | undefined> {
    return this.db('receipts').where({ code }).first<ReceiptRow | undefined>('code', 'submission_id', 'batch_id');
  }

  /** The submissions the receipt shows, in the order of the batch's workbook. */
  async submissions(of: ReceiptOf): Promise<ReceiptSubmissionRow[]> {
    return this.db('declarations')
      .where('submissionId' in of ? { id: of.submissionId } : { batch_id: of.batchId })
      .orderBy([{ column: 'row_number' }, { column: 'id' }])
      .select<ReceiptSubmissionRow[]>('id', 'type', 'status', 'person_name', 'id_number', 'effective_month', 'row_number', 'submitted_at');
  }
}

import type { Knex } from 'knex';
import type { BatchKind } from '@common/api/declarations';
import type { ImportedRow } from './sheet-import';

export interface BatchUpload {
  token: string;
  unitId: number;
  userId: number;
  kind: BatchKind;
  fileName: string;
  rows: number;
  validRows: number;
  invalidRows: number;
  batchId: number | null;
  createdAt: string;
}

/** A row of `batch_uploads` without the file, the problems and the valid rows. */
interface BatchUploadRow {
  token: string;
  unit_id: number;
  user_id: number;
  kind: BatchKind;
  file_name: string;
  rows: number;
  valid_rows: number;
  invalid_rows: number;
  batch_id: number | null;
  created_at: string;
}

const toUpload = (row: BatchUploadRow): BatchUpload => ({
  token: row.token,
  unitId: row.unit_id,
  userId: row.user_id,
  kind: row.kind,
  fileName: row.file_name,
  rows: row.rows,
  validRows: row.valid_rows,
  invalidRows: row.invalid_rows,
  batchId: row.batch_id,
  createdAt: row.created_at,
});

const SUMMARY = ['token', 'unit_id', 'user_id', 'kind', 'file_name', 'rows', 'valid_rows', 'invalid_rows', 'batch_id', 'created_at'];

/** Validated uploads waiting for their submit: one row per dry run, with the file and the valid rows. */
export class BatchUploadStore {
  constructor(private readonly db: Knex) {}

  /** `problems`: the dry run's problems as sheet-errors.ts keeps them, with the data sheet's name. */
  async insert(upload: Omit<BatchUpload, 'batchId'>, problems: string, valid: ImportedRow[], file: Buffer): Promise<void> {
    const errors = problems;
    const validPayload = JSON.stringify(valid);
    await this.db('batch_uploads').insert({
      token: upload.token,
      unit_id: upload.unitId,
      user_id: upload.userId,
      kind: upload.kind,
      file_name: upload.fileName,
      rows: upload.rows,
      valid_rows: upload.validRows,
      invalid_rows: upload.invalidRows,
      errors,
      valid_payload: validPayload,
      file,
      stored_bytes: file.length + Buffer.byteLength(errors) + Buffer.byteLength(validPayload),
      batch_id: null,
      created_at: upload.createdAt,
    });
  }

  /** The unit's dry runs waiting for their submit, made at `since` or later: how many, and the bytes they keep. */
  async pending(unitId: number, since: string): Promise<{ count: number; bytes: number }> {
    const row = await this.db('batch_uploads')
      .where({ unit_id: unitId })
      .whereNull('batch_id')
      .andWhere('created_at', '>=', since)
      .first<{ count: number | string; bytes: number | string } | undefined>(
        this.db.raw('count(*) as count'),
        this.db.raw('coalesce(sum(stored_bytes), 0) as bytes'),
      );
    return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
  }

  /** The unit's upload, or null for a token that is unknown or another unit's. */
  async find(unitId: number, token: string): Promise<BatchUpload | null> {
    const row = await this.db('batch_uploads').where({ token, unit_id: unitId }).first<BatchUploadRow | undefined>(SUMMARY);
    return row ? toUpload(row) : null;
  }

  /** The dry run's problems as stored by `insert`: read whole only for a page of them or the annotated copy. */
  async problems(unitId: number, token: string): Promise<string | null> {
    const row = await this.db('batch_uploads').where({ token, unit_id: unitId }).first<{ errors: string } | undefined>('errors');
    return row ? row.errors : null;
  }

  async file(unitId: number, token: string): Promise<Buffer | null> {
    const row = await this.db('batch_uploads').where({ token, unit_id: unitId }).first<{ file: Uint8Array } | undefined>('file');
    return row ? Buffer.from(row.file) : null;
  }

  async validRows(unitId: number, token: string): Promise<ImportedRow[]> {
    const row = await this.db('batch_uploads').where({ token, unit_id: unitId }).first<{ valid_payload: string } | undefined>('valid_payload');
    return row ? (JSON.parse(row.valid_payload) as ImportedRow[]) : [];
  }

  /**
   * Locks the upload until the transaction ends, if it is not submitted yet; false when it is (or is
   * unknown). A second submit waits for the first and then sees its batch.
   */
  async lockUnsubmitted(unitId: number, token: string): Promise<boolean> {
    const row = await this.db('batch_uploads')
      .where({ token, unit_id: unitId })
      .whereNull('batch_id')
      .forUpdate()
      .first<{ token: string } | undefined>('token');
    return row !== undefined;
  }

  /** Marks the upload, locked by `lockUnsubmitted`, as submitted in this batch. */
  async markSubmitted(unitId: number, token: string, batchId: number): Promise<void> {
    await this.db('batch_uploads').where({ token, unit_id: unitId }).update({ batch_id: batchId });
  }

  /** Dry runs nobody submitted are of no use after their time; submitted ones stay with their batch. */
  async purgeUnsubmitted(before: string): Promise<void> {
    await this.db('batch_uploads').whereNull('batch_id').andWhere('created_at', '<', before).delete();
  }
}

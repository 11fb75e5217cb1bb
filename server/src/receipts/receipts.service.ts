import type { Knex } from 'knex';
import type { ReceiptCode, ReceiptVerification } from '@common/api/receipts';
import { maskIdNumber } from '@common/validators/id-number';
import type { Clock } from '../clock';
import type { Dialect } from '../db/dialect';
import { notFound } from '../http/errors';
import { CodeVerifier, maskName, newVerificationCode } from '../verification/verification';
import { ReceiptStore, type ReceiptOf } from './receipts.store';

/** Receipts of submissions: a code per submission or batch, given on first print; verified by anyone holding it. */
export class ReceiptService {
  private readonly store: ReceiptStore;
  private readonly codes: CodeVerifier;

  /** The feature's wiring on a knex handle: the database, or a transaction. */
  constructor(
    db: Knex,
    private readonly clock: Clock,
    dialect: Dialect,
  ) {
    this.store = new ReceiptStore(db);
    this.codes = new CodeVerifier(db, dialect);
  }

  /** The receipt's code, issued the first time it is asked for; another unit's submission or batch is not found. */
  async code(unitId: number, of: ReceiptOf): Promise<ReceiptCode> {
    const issued = await this.store.codeOf(unitId, of);
    if (issued) return { code: issued };
    if (!(await this.store.isOfUnit(unitId, of))) throw notFound();
    await this.store.insert(unitId, of, newVerificationCode(), this.clock.now().toISOString());
    const code = await this.store.codeOf(unitId, of);
    if (!code) throw notFound();
    return { code };
  }

  /** `caller` identifies who asks (their address): unknown codes count against it (CodeVerifier). */
  async verify(rawCode: string, caller: string): Promise<ReceiptVerification> {
    const receipt = await this.codes.verify(rawCode, caller, (code) => this.store.byCode(code));
    const of: ReceiptOf = receipt.batch_id !== null ? { batchId: receipt.batch_id } : { submissionId: receipt.submission_id! };
    const rows = await this.store.submissions(of);
    return {
      genuine: true,
      submissionId: receipt.submission_id,
      batchId: receipt.batch_id,
      submittedAt: rows[0]?.submitted_at ?? '',
      rows: rows.map((r) => ({
        number: r.row_number ?? r.id,
        kind: r.type,
        nameMasked: r.person_name === null ? null : maskName(r.person_name),
        idNumberMasked: r.id_number === null ? null : maskIdNumber(r.id_number),
        effectiveMonth: r.effective_month,
        status: r.status,
      })),
    };
  }
}

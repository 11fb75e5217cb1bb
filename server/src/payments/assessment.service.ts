import type { Knex } from 'knex';
import type { AssessmentResult } from '@common/api/payments';
import { currentFeePeriod, type FeePeriod } from '@common/fee-period';
import { EMPLOYEE_INSURANCE_TYPES, contributionBaseFen, contributionFen } from '@common/insurance';
import type { Clock } from '../clock';
import { INSERT_CHUNK_ROWS } from '../db/dialect';
import { recordAudit } from '../audit/audit.store';
import { unitsChanged } from '../cache/unit-data-version';
import { notFound } from '../http/errors';
import { contributionConfig } from './contribution-config';

interface Assessed {
  person_id: number;
  insurance_type: string;
  base_fen: number;
  unit_rate_bp: number;
  person_rate_bp: number;
  unit_amount_fen: number;
  person_amount_fen: number;
}

const AMOUNT_FIELDS = ['base_fen', 'unit_rate_bp', 'person_rate_bp', 'unit_amount_fen', 'person_amount_fen'] as const;

/**
 * Monthly assessment (缴费核定): one payment detail per person, employee insurance type and month of
 * coverage, from the enrollments in force. Paid details are never touched, so assessing again only
 * brings unpaid details in line with the records.
 */
export class AssessmentService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async assess(unitId: number, period: FeePeriod, assessedBy: number | null, requestId?: string): Promise<AssessmentResult> {
    return this.db.transaction(async (trx) => {
      await lockUnit(trx, unitId);
      return this.assessLocked(trx, unitId, period, assessedBy, requestId);
    });
  }

  /** The current period is assessed by the hall itself the first time anyone looks at it, once however many look at once. */
  async ensureCurrentAssessed(unitId: number): Promise<void> {
    const period = currentFeePeriod(this.clock.now());
    if (await isAssessed(this.db, unitId, period)) return;
    await this.db.transaction(async (trx) => {
      await lockUnit(trx, unitId);
      // Another request, on any instance, may have assessed it while this one waited for the lock.
      if (!(await isAssessed(trx, unitId, period))) await this.assessLocked(trx, unitId, period, null);
    });
  }

  /** Approved declarations change coverage from their month on: such periods are assessed afresh. */
  static async markStale(trx: Knex, unitId: number, fromPeriod: FeePeriod): Promise<void> {
    // The unit first, as an assessment takes it: otherwise each could hold what the other waits for.
    await lockUnit(trx, unitId);
    await trx('assessments').where('unit_id', unitId).andWhere('fee_period', '>=', fromPeriod).delete();
  }

  /** With the unit locked, so one assessment of a unit runs at a time on any number of instances. */
  private async assessLocked(
    trx: Knex.Transaction,
    unitId: number,
    period: FeePeriod,
    assessedBy: number | null,
    requestId?: string,
  ): Promise<AssessmentResult> {
    const config = await contributionConfig(trx, period);
    const coverage = await trx('enrollments as e')
      .join('employments as emp', function () {
        this.on('emp.unit_id', '=', 'e.unit_id').andOn('emp.person_id', '=', 'e.person_id');
      })
      .where('e.unit_id', unitId)
      .whereIn('e.insurance_type', EMPLOYEE_INSURANCE_TYPES)
      .where('e.start_month', '<=', period)
      .where((q) => q.whereNull('e.end_month').orWhere('e.end_month', '>=', period))
      .where('emp.start_month', '<=', period)
      .where((q) => q.whereNull('emp.end_month').orWhere('emp.end_month', '>=', period))
      .select('e.person_id', 'e.insurance_type', 'emp.wage_fen');

    const wanted = new Map<string, Assessed>();
    for (const row of coverage) {
      const rate = config.rates.get(row.insurance_type);
      if (!rate) continue;
      const base = contributionBaseFen(row.wage_fen, config.floorFen, config.ceilingFen);
      wanted.set(`${row.person_id}|${row.insurance_type}`, {
        person_id: row.person_id,
        insurance_type: row.insurance_type,
        base_fen: base,
        unit_rate_bp: rate.unitRateBp,
        person_rate_bp: rate.personRateBp,
        unit_amount_fen: contributionFen(base, rate.unitRateBp),
        person_amount_fen: contributionFen(base, rate.personRateBp),
      });
    }

    const existing = await trx('payment_details').where({ unit_id: unitId, fee_period: period });
    const result = { feePeriod: period, inserted: 0, updated: 0, removed: 0, unchanged: 0 };
    const stale: number[] = [];
    const at = this.clock.now().toISOString();
    for (const row of existing) {
      const key = `${row.person_id}|${row.insurance_type}`;
      const target = wanted.get(key);
      wanted.delete(key);
      if (row.paid_at) {
        result.unchanged++;
      } else if (!target) {
        stale.push(row.id);
      } else if (AMOUNT_FIELDS.some((f) => row[f] !== target[f])) {
        await trx('payment_details').where({ id: row.id }).update({ ...pick(target), assessed_at: at });
        result.updated++;
      } else {
        result.unchanged++;
      }
    }
    for (let i = 0; i < stale.length; i += INSERT_CHUNK_ROWS) {
      result.removed += await trx('payment_details').whereIn('id', stale.slice(i, i + INSERT_CHUNK_ROWS)).delete();
    }
    const inserts = [...wanted.values()].map((a) => ({ ...a, unit_id: unitId, fee_period: period, assessed_at: at }));
    await trx.batchInsert('payment_details', inserts, INSERT_CHUNK_ROWS);
    result.inserted = inserts.length;

    await trx('assessments')
      .insert({ unit_id: unitId, fee_period: period, assessed_at: at, assessed_by: assessedBy })
      .onConflict(['unit_id', 'fee_period'])
      .merge();
    // The period's assessment time shows in the unit's payment lists even when no detail changed.
    await unitsChanged(trx, [unitId]);
    if (result.inserted + result.updated + result.removed > 0 || assessedBy !== null) {
      await recordAudit(trx, {
        at,
        userId: assessedBy,
        unitId,
        action: 'assessment',
        entityType: 'fee_period',
        entityId: period,
        after: result,
        requestId,
      });
    }
    return result;
  }
}

/** The unit's row, locked until the transaction ends: assessments of one unit run one after the other. */
async function lockUnit(trx: Knex, unitId: number): Promise<void> {
  if (!(await trx('units').where({ id: unitId }).forUpdate().first('id'))) throw notFound();
}

async function isAssessed(db: Knex, unitId: number, period: FeePeriod): Promise<boolean> {
  return (await db('assessments').where({ unit_id: unitId, fee_period: period }).first('unit_id')) !== undefined;
}

function pick(a: Assessed) {
  return Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, a[f]]));
}

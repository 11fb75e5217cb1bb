import type { Knex } from 'knex';
import type { AssessmentResult } from '@common/api/payments';
import { currentFeePeriod, type FeePeriod } from '@common/fee-period';
import { contributionBaseFen, contributionFen } from '@common/insurance';
import type { Clock } from '../clock';
import { recordAudit } from '../audit/audit.store';
import { unitsChanged } from '../cache/unit-data-version';
import { notFound } from '../http/errors';
import { UnitStore } from '../unit/unit.store';
import { AssessmentStore, type Assessed, type AssessedAmounts } from './assessment.store';
import { contributionConfig } from './contribution-config';

export interface ContributionBase {
  baseFen: number;
  floorFen: number;
  ceilingFen: number;
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

  /** A declared wage held between the floor and ceiling in force in the period; null when none are configured. */
  async contributionBase(wageFen: number, period: FeePeriod): Promise<ContributionBase | null> {
    const { limits } = await new AssessmentStore(this.db).contributionSettings(period);
    return limits ? { baseFen: contributionBaseFen(wageFen, limits.floorFen, limits.ceilingFen), ...limits } : null;
  }

  /** The current period is assessed by the hall itself the first time anyone looks at it, once however many look at once. */
  async ensureCurrentAssessed(unitId: number): Promise<void> {
    const period = currentFeePeriod(this.clock.now());
    if (await new AssessmentStore(this.db).isAssessed(unitId, period)) return;
    await this.db.transaction(async (trx) => {
      await lockUnit(trx, unitId);
      // Another request, on any instance, may have assessed it while this one waited for the lock.
      if (!(await new AssessmentStore(trx).isAssessed(unitId, period))) await this.assessLocked(trx, unitId, period, null);
    });
  }

  /** Approved declarations change coverage from their month on: such periods are assessed afresh. */
  static async markStale(trx: Knex, unitId: number, fromPeriod: FeePeriod): Promise<void> {
    // The unit first, as an assessment takes it: otherwise each could hold what the other waits for.
    await lockUnit(trx, unitId);
    await new AssessmentStore(trx).forgetFrom(unitId, fromPeriod);
  }

  /** With the unit locked, so one assessment of a unit runs at a time on any number of instances. */
  private async assessLocked(
    trx: Knex.Transaction,
    unitId: number,
    period: FeePeriod,
    assessedBy: number | null,
    requestId?: string,
  ): Promise<AssessmentResult> {
    const store = new AssessmentStore(trx);
    const config = await contributionConfig(trx, period);
    const coverage = await store.coverage(unitId, period);

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

    const existing = await store.details(unitId, period);
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
        await store.updateDetail(row.id, amountsOf(target), at);
        result.updated++;
      } else {
        result.unchanged++;
      }
    }
    result.removed = await store.removeDetails(stale);
    const inserts = [...wanted.values()];
    await store.insertDetails(unitId, period, inserts, at);
    result.inserted = inserts.length;

    await store.markAssessed(unitId, period, at, assessedBy);
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
  if (!(await new UnitStore(trx).lock(unitId))) throw notFound();
}

function amountsOf(a: Assessed): AssessedAmounts {
  const { base_fen, unit_rate_bp, person_rate_bp, unit_amount_fen, person_amount_fen } = a;
  return { base_fen, unit_rate_bp, person_rate_bp, unit_amount_fen, person_amount_fen };
}

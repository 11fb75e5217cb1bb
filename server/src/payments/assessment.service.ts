import type { Knex } from 'knex';
import type { AssessmentResult, CityAssessmentResult } from '@common/api/payments';
import { currentFeePeriod, type FeePeriod } from '@common/fee-period';
import { contributionBaseFen, contributionFen } from '@common/insurance';
import type { Clock } from '../clock';
import { AuditService } from '../audit/audit.service';
import { unitsChanged } from '../cache/unit-data-version';
import { UnitService } from '../unit/unit.service';
import { AssessmentStore, type Assessed, type AssessedAmounts, type ContributionConfig } from './assessment.store';

export interface ContributionBase {
  baseFen: number;
  floorFen: number;
  ceilingFen: number;
}

export type { ContributionConfig };

const AMOUNT_FIELDS = ['base_fen', 'unit_rate_bp', 'person_rate_bp', 'unit_amount_fen', 'person_amount_fen'] as const;

/**
 * Monthly assessment (缴费核定): one payment detail per person, employee insurance type and month of
 * coverage, from the enrollments in force. Paid details are never touched, so assessing again only
 * brings unpaid details in line with the records.
 */
export class AssessmentService {
  private readonly store: AssessmentStore;
  private readonly units: UnitService;
  private readonly audit: AuditService;

  /** The feature's wiring on a knex handle: the database, or a transaction. */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {
    this.store = new AssessmentStore(db);
    this.units = new UnitService(db, clock);
    this.audit = new AuditService(db);
  }

  on(trx: Knex.Transaction): AssessmentService {
    return new AssessmentService(trx, this.clock);
  }

  async assess(unitId: number, period: FeePeriod, assessedBy: number | null, requestId?: string): Promise<AssessmentResult> {
    return this.db.transaction(async (trx) => {
      const assessments = this.on(trx);
      await assessments.units.lock(unitId);
      return assessments.assessLocked(unitId, period, assessedBy, requestId);
    });
  }

  /**
   * The monthly assessment of one period for every unit, in chunks of units, each chunk one transaction:
   * its units locked (in id order, as every writer takes them), the units not yet assessed for the period
   * assessed, and marked assessed. A unit with no detail of the period yet (the monthly run's case) gets
   * them in one set-based INSERT … SELECT for the whole chunk; one that has some (assessed before, then
   * made stale by an approval) is assessed alone, which also updates and removes unpaid details. Units
   * already assessed are skipped, and a chunk either commits whole or not at all, so running it again after
   * a crash halfway finishes the work with the rows one clean run writes. `workers` chunks run at once, each
   * in its own transaction on its own connection (the chunks share no unit); after a failure no new chunk
   * starts, the others finish, and the failure is thrown.
   */
  async assessAll(
    period: FeePeriod,
    assessedBy: number | null,
    requestId?: string,
    options: { chunkUnits?: number; workers?: number; beforeCommit?: (chunk: number) => void | Promise<void> } = {},
  ): Promise<CityAssessmentResult> {
    const chunkUnits = options.chunkUnits ?? 250;
    const config = await this.contributionConfig(period);
    const result: CityAssessmentResult = { feePeriod: period, units: 0, skipped: 0, inserted: 0 };
    // The next chunk's units, read one chunk at a time whichever worker asks.
    let after = 0;
    let chunks = 0;
    let failed = false;
    let cursor: Promise<unknown> = Promise.resolve();
    const nextChunk = () => {
      const next = cursor.then(async () => {
        const unitIds = failed ? [] : await this.units.idsAfter(after, chunkUnits);
        if (unitIds.length > 0) after = unitIds[unitIds.length - 1];
        return { unitIds, chunk: ++chunks };
      });
      cursor = next.catch(() => undefined);
      return next;
    };
    const worker = async () => {
      try {
        for (;;) {
          const { unitIds, chunk } = await nextChunk();
          if (unitIds.length === 0) return;
          const done = await this.assessChunk(unitIds, period, config, assessedBy, requestId, () => options.beforeCommit?.(chunk));
          result.units += done.units;
          result.skipped += done.skipped;
          result.inserted += done.inserted;
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: options.workers ?? 2 }, worker));
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure) throw failure.reason;
    return result;
  }

  /** One chunk of `assessAll`, in a transaction of its own. */
  private assessChunk(
    unitIds: number[],
    period: FeePeriod,
    config: ContributionConfig,
    assessedBy: number | null,
    requestId: string | undefined,
    beforeCommit: () => void | Promise<void>,
  ): Promise<Omit<CityAssessmentResult, 'feePeriod'>> {
    return this.db.transaction(async (trx) => {
      const assessments = this.on(trx);
      const locked = await assessments.units.lockAll(unitIds);
      const assessed = await assessments.store.assessedAmong(locked, period);
      const due = locked.filter((id) => !assessed.has(id));
      const before = await assessments.store.detailCounts(due, period);
      const at = this.clock.now().toISOString();
      const results = new Map<number, AssessmentResult>();
      for (const unitId of due.filter((id) => before.has(id)))
        results.set(unitId, await assessments.assessLocked(unitId, period, assessedBy, requestId));
      const fresh = due.filter((id) => !before.has(id));
      await assessments.store.insertAssessedDetails(fresh, period, config, at);
      await assessments.store.refreshTotals(fresh, period);
      const inserted = await assessments.store.detailCounts(fresh, period);
      await assessments.store.markAllAssessed(fresh, period, at, assessedBy);
      await unitsChanged(trx, fresh);
      await assessments.audit.recordAll(
        fresh
          .filter((unitId) => inserted.has(unitId) || assessedBy !== null)
          .map((unitId) => ({
            at,
            userId: assessedBy,
            unitId,
            action: 'assessment',
            entityType: 'fee_period',
            entityId: period,
            after: { feePeriod: period, inserted: inserted.get(unitId) ?? 0, updated: 0, removed: 0, unchanged: 0 },
            requestId,
          })),
      );
      await beforeCommit();
      return {
        units: due.length,
        skipped: unitIds.length - due.length,
        inserted: [...inserted.values(), ...[...results.values()].map((r) => r.inserted)].reduce((a, b) => a + b, 0),
      };
    });
  }

  /** A declared wage held between the floor and ceiling in force in the period; null when none are configured. */
  async contributionBase(wageFen: number, period: FeePeriod): Promise<ContributionBase | null> {
    const { limits } = await this.store.contributionSettings(period);
    return limits ? { baseFen: contributionBaseFen(wageFen, limits.floorFen, limits.ceilingFen), ...limits } : null;
  }

  /** Those of the periods with base limits in force: an addition into another cannot be quoted yet. */
  periodsWithLimits(periods: FeePeriod[]): Promise<Set<FeePeriod>> {
    return this.store.periodsWithLimits([...new Set(periods)]);
  }

  /** The base limits and the rates in force for a fee period (configuration with effective periods); none is a fault of the set-up. */
  async contributionConfig(period: FeePeriod): Promise<ContributionConfig> {
    const { limits, rates } = await this.store.contributionSettings(period);
    if (!limits) throw new Error(`no contribution limits in force for ${period}`);
    return { ...limits, rates };
  }

  /** The floor and ceiling in force in the period; null when none are configured. */
  async limitsIn(period: FeePeriod): Promise<{ floorFen: number; ceilingFen: number } | null> {
    return (await this.store.contributionSettings(period)).limits ?? null;
  }

  /**
   * A base approved for months already assessed: each of them is assessed again now (in the approval's
   * transaction), so unpaid details take the new base; paid details are never touched.
   */
  async reassessFrom(unitId: number, fromPeriod: FeePeriod): Promise<void> {
    await this.units.lock(unitId);
    for (const period of await this.store.assessedFrom(unitId, fromPeriod)) await this.assessLocked(unitId, period, null);
  }

  /** The current period is assessed by the hall itself the first time anyone looks at it, once however many look at once. */
  async ensureCurrentAssessed(unitId: number): Promise<void> {
    const period = currentFeePeriod(this.clock.now());
    if (await this.store.isAssessed(unitId, period)) return;
    await this.db.transaction(async (trx) => {
      const assessments = this.on(trx);
      await assessments.units.lock(unitId);
      // Another request, on any instance, may have assessed it while this one waited for the lock.
      if (!(await assessments.store.isAssessed(unitId, period))) await assessments.assessLocked(unitId, period, null);
    });
  }

  /** Approved declarations change coverage from their month on: such periods are assessed afresh (in the approval's transaction). */
  async markStale(unitId: number, fromPeriod: FeePeriod): Promise<void> {
    // The unit first, as an assessment takes it: otherwise each could hold what the other waits for.
    await this.units.lock(unitId);
    await this.store.forgetFrom(unitId, fromPeriod);
  }

  /** With the unit locked (on this service's transaction), so one assessment of a unit runs at a time on any number of instances. */
  private async assessLocked(unitId: number, period: FeePeriod, assessedBy: number | null, requestId?: string): Promise<AssessmentResult> {
    const store = this.store;
    const config = await this.contributionConfig(period);
    const coverage = await store.coverage(unitId, period);

    const wanted = new Map<string, Assessed>();
    for (const row of coverage) {
      const rate = config.rates.get(row.insurance_type);
      if (!rate) continue;
      // A declared base was clamped to its contribution year's limits when it was declared.
      const base = row.declared_base_fen ?? contributionBaseFen(row.wage_fen, config.floorFen, config.ceilingFen);
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
    if (result.inserted + result.updated + result.removed > 0) await store.refreshTotals([unitId], period);

    await store.markAssessed(unitId, period, at, assessedBy);
    // The period's assessment time shows in the unit's payment lists even when no detail changed.
    await unitsChanged(this.db, [unitId]);
    if (result.inserted + result.updated + result.removed > 0 || assessedBy !== null) {
      await this.audit.record({
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

function amountsOf(a: Assessed): AssessedAmounts {
  const { base_fen, unit_rate_bp, person_rate_bp, unit_amount_fen, person_amount_fen } = a;
  return { base_fen, unit_rate_bp, person_rate_bp, unit_amount_fen, person_amount_fen };
}

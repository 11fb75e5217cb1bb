import type { Knex } from 'knex';
import type { FeePeriod } from '@common/fee-period';
import { EMPLOYEE_INSURANCE_TYPES } from '@common/insurance';
import { chunks, IN_LIST_CHUNK, INSERT_CHUNK_ROWS } from '../db/dialect';
import { refreshPeriodTotals } from './period-totals.store';

/** What an assessment sets on a payment detail: the base, the rates and the amounts. */
export interface AssessedAmounts {
  base_fen: number;
  unit_rate_bp: number;
  person_rate_bp: number;
  unit_amount_fen: number;
  person_amount_fen: number;
}

/** One person's contribution for one employee insurance type in a fee period. */
export interface Assessed extends AssessedAmounts {
  person_id: number;
  insurance_type: string;
}

/** A row of `payment_details`. */
export interface PaymentDetailRow extends Assessed {
  id: number;
  unit_id: number;
  fee_period: FeePeriod;
  assessed_at: string;
  paid_at: string | null;
  collection_serial: string | null;
}

/** An enrollment in force in the period beside the wage of its employment and the declared base in force then. */
export interface CoverageRow {
  person_id: number;
  insurance_type: string;
  wage_fen: number;
  /** The latest annual declaration's base from this period or before; null when none was declared. */
  declared_base_fen: number | null;
}

interface ContributionLimitsRow {
  floor_fen: number;
  ceiling_fen: number;
  effective_from: FeePeriod;
  effective_to: FeePeriod | null;
}

interface ContributionRateRow {
  insurance_type: string;
  unit_rate_bp: number;
  person_rate_bp: number;
  effective_from: FeePeriod;
  effective_to: FeePeriod | null;
}

export interface ContributionRate {
  unitRateBp: number;
  personRateBp: number;
}

/** The base limits and the rates in force for a fee period, limits configured. */
export interface ContributionConfig {
  floorFen: number;
  ceilingFen: number;
  rates: Map<string, ContributionRate>;
}

/** The base limits and the rates in force for a fee period; no limits when none are configured for it. */
export interface ContributionSettings {
  limits: { floorFen: number; ceilingFen: number } | undefined;
  rates: Map<string, ContributionRate>;
}

/** Assessments, the contribution configuration they read, and the payment details they write. */
export class AssessmentStore {
  constructor(private readonly db: Knex) {}

  /** Those of the periods some base limits are in force for, in one query (there are a handful of such rows). */
  async periodsWithLimits(periods: FeePeriod[]): Promise<Set<FeePeriod>> {
    if (periods.length === 0) return new Set();
    const latest = periods.reduce((a, b) => (a > b ? a : b));
    const spans = await this.db('contribution_limits')
      .where('effective_from', '<=', latest)
      .select<Pick<ContributionLimitsRow, 'effective_from' | 'effective_to'>[]>('effective_from', 'effective_to');
    return new Set(periods.filter((p) => spans.some((s) => s.effective_from <= p && (s.effective_to === null || s.effective_to >= p))));
  }

  async contributionSettings(period: FeePeriod): Promise<ContributionSettings> {
    const inForce = (query: Knex.QueryBuilder) =>
      query.where('effective_from', '<=', period).andWhere((q) => q.whereNull('effective_to').orWhere('effective_to', '>=', period));
    const limits = await inForce(this.db('contribution_limits')).orderBy('effective_from', 'desc').first<ContributionLimitsRow | undefined>();
    const rates = await inForce(this.db('contribution_rates')).orderBy('effective_from', 'asc').select<ContributionRateRow[]>();
    return {
      limits: limits && { floorFen: limits.floor_fen, ceilingFen: limits.ceiling_fen },
      rates: new Map(rates.map((r) => [r.insurance_type, { unitRateBp: r.unit_rate_bp, personRateBp: r.person_rate_bp }])),
    };
  }

  /** The unit's employee insurance enrollments in force in the period, within an employment in force. */
  coverage(unitId: number, period: FeePeriod): Promise<CoverageRow[]> {
    return this.db('enrollments as e')
      .join('employments as emp', function () {
        this.on('emp.unit_id', '=', 'e.unit_id').andOn('emp.person_id', '=', 'e.person_id');
      })
      .where('e.unit_id', unitId)
      .whereIn('e.insurance_type', EMPLOYEE_INSURANCE_TYPES)
      .where('e.start_month', '<=', period)
      .where((q) => q.whereNull('e.end_month').orWhere('e.end_month', '>=', period))
      .where('emp.start_month', '<=', period)
      .where((q) => q.whereNull('emp.end_month').orWhere('emp.end_month', '>=', period))
      .select(
        'e.person_id',
        'e.insurance_type',
        'emp.wage_fen',
        this.db('contribution_bases as cb')
          .select('cb.base_fen')
          .whereRaw('cb.unit_id = e.unit_id and cb.person_id = e.person_id')
          .where('cb.from_month', '<=', period)
          .orderBy('cb.from_month', 'desc')
          .limit(1)
          .as('declared_base_fen'),
      );
  }

  /**
   * The period's payment details of these units in one statement: one per employee insurance enrollment
   * in force within an employment in force, on the declared base in force or the wage held between the
   * floor and ceiling, amounts rounded half up in integer fen (common/insurance.ts, in SQL). A detail
   * already there is left alone (ON CONFLICT DO NOTHING), so running it again writes nothing twice.
   */
  async insertAssessedDetails(unitIds: readonly number[], period: FeePeriod, config: ContributionConfig, assessedAt: string): Promise<void> {
    const rates = [...config.rates].filter(([type]) => (EMPLOYEE_INSURANCE_TYPES as readonly string[]).includes(type));
    if (rates.length === 0 || unitIds.length === 0) return;
    const rateTable = rates
      .map(() => 'SELECT ? AS insurance_type, CAST(? AS integer) AS unit_rate_bp, CAST(? AS integer) AS person_rate_bp')
      .join(' UNION ALL ');
    const amount = (rate: string) => `(w.base_fen * CAST(w.${rate} AS bigint) + 5000) / 10000`;
    for (const chunk of chunks(unitIds, IN_LIST_CHUNK)) {
      await this.db.raw(
        `INSERT INTO payment_details
           (unit_id, person_id, insurance_type, fee_period, base_fen, unit_rate_bp, person_rate_bp, unit_amount_fen, person_amount_fen, assessed_at)
         SELECT w.unit_id, w.person_id, w.insurance_type, ?, w.base_fen, w.unit_rate_bp, w.person_rate_bp, ${amount('unit_rate_bp')}, ${amount('person_rate_bp')}, ?
         FROM (
           SELECT e.unit_id, e.person_id, e.insurance_type, r.unit_rate_bp, r.person_rate_bp,
             coalesce(
               cb.base_fen,
               CASE WHEN emp.wage_fen < ? THEN CAST(? AS integer) WHEN emp.wage_fen > ? THEN CAST(? AS integer) ELSE emp.wage_fen END
             ) AS base_fen
           FROM enrollments e
           JOIN employments emp ON emp.unit_id = e.unit_id AND emp.person_id = e.person_id
           JOIN (${rateTable}) r ON r.insurance_type = e.insurance_type
           -- The declared base in force: joined, a column; a subquery here would run again for every use of base_fen.
           LEFT JOIN contribution_bases cb ON cb.unit_id = e.unit_id AND cb.person_id = e.person_id
             AND cb.from_month = (SELECT max(x.from_month) FROM contribution_bases x
                                   WHERE x.unit_id = e.unit_id AND x.person_id = e.person_id AND x.from_month <= ?)
           WHERE e.unit_id IN (${chunk.map(() => '?').join(', ')})
             AND e.start_month <= ? AND (e.end_month IS NULL OR e.end_month >= ?)
             AND emp.start_month <= ? AND (emp.end_month IS NULL OR emp.end_month >= ?)
         ) w
         WHERE true
         ON CONFLICT (unit_id, person_id, insurance_type, fee_period) DO NOTHING`,
        [
          period,
          assessedAt,
          config.floorFen,
          config.floorFen,
          config.ceilingFen,
          config.ceilingFen,
          ...rates.flatMap(([type, rate]) => [type, rate.unitRateBp, rate.personRateBp]),
          period,
          ...chunk,
          period,
          period,
          period,
          period,
        ],
      );
    }
  }

  /** The units' period totals brought in line with their details of the period, in the writer's transaction. */
  refreshTotals(unitIds: readonly number[], period: FeePeriod): Promise<void> {
    return refreshPeriodTotals(this.db, { unitIds, period });
  }

  /**
   * How many details of the period each of these units has (units without any are absent), from the period
   * totals every writer of details keeps in line with them: a few rows a unit, where counting the details
   * would read again what refreshTotals has just aggregated.
   */
  async detailCounts(unitIds: readonly number[], period: FeePeriod): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (const chunk of chunks(unitIds, IN_LIST_CHUNK)) {
      const rows = await this.db('unit_period_totals')
        .whereIn('unit_id', chunk)
        .where('fee_period', period)
        .groupBy('unit_id')
        .select('unit_id')
        .sum<{ unit_id: number; n: number | string }[]>({ n: 'details' });
      for (const row of rows) counts.set(row.unit_id, Number(row.n));
    }
    return counts;
  }

  /** Of these units, those the period is assessed for. */
  async assessedAmong(unitIds: readonly number[], period: FeePeriod): Promise<Set<number>> {
    const assessed = new Set<number>();
    for (const chunk of chunks(unitIds, IN_LIST_CHUNK)) {
      for (const id of await this.db('assessments').whereIn('unit_id', chunk).where('fee_period', period).pluck('unit_id'))
        assessed.add(id as number);
    }
    return assessed;
  }

  async markAllAssessed(unitIds: readonly number[], period: FeePeriod, assessedAt: string, assessedBy: number | null): Promise<void> {
    for (const chunk of chunks(unitIds, INSERT_CHUNK_ROWS)) {
      await this.db('assessments')
        .insert(chunk.map((unitId) => ({ unit_id: unitId, fee_period: period, assessed_at: assessedAt, assessed_by: assessedBy })))
        .onConflict(['unit_id', 'fee_period'])
        .merge();
    }
  }

  details(unitId: number, period: FeePeriod): Promise<PaymentDetailRow[]> {
    return this.db('payment_details').where({ unit_id: unitId, fee_period: period });
  }

  async updateDetail(id: number, amounts: AssessedAmounts, assessedAt: string): Promise<void> {
    await this.db('payment_details')
      .where({ id })
      .update({ ...amounts, assessed_at: assessedAt });
  }

  /** Deletes the details, in chunks of bound ids; how many went. */
  async removeDetails(ids: number[]): Promise<number> {
    let removed = 0;
    for (let i = 0; i < ids.length; i += INSERT_CHUNK_ROWS) {
      removed += await this.db('payment_details')
        .whereIn('id', ids.slice(i, i + INSERT_CHUNK_ROWS))
        .delete();
    }
    return removed;
  }

  async insertDetails(unitId: number, period: FeePeriod, details: Assessed[], assessedAt: string): Promise<void> {
    const rows = details.map((a) => ({ ...a, unit_id: unitId, fee_period: period, assessed_at: assessedAt }));
    await this.db.batchInsert('payment_details', rows, INSERT_CHUNK_ROWS);
  }

  async markAssessed(unitId: number, period: FeePeriod, assessedAt: string, assessedBy: number | null): Promise<void> {
    await this.db('assessments')
      .insert({ unit_id: unitId, fee_period: period, assessed_at: assessedAt, assessed_by: assessedBy })
      .onConflict(['unit_id', 'fee_period'])
      .merge();
  }

  async isAssessed(unitId: number, period: FeePeriod): Promise<boolean> {
    return (await this.db('assessments').where({ unit_id: unitId, fee_period: period }).first('unit_id')) !== undefined;
  }

  /** The unit's assessed periods from the period on, oldest first. */
  assessedFrom(unitId: number, fromPeriod: FeePeriod): Promise<FeePeriod[]> {
    return this.db('assessments').where('unit_id', unitId).andWhere('fee_period', '>=', fromPeriod).orderBy('fee_period').pluck('fee_period');
  }

  /** Forgets the unit's assessments from the period on: they are assessed afresh when next looked at. */
  async forgetFrom(unitId: number, fromPeriod: FeePeriod): Promise<void> {
    await this.db('assessments').where('unit_id', unitId).andWhere('fee_period', '>=', fromPeriod).delete();
  }
}

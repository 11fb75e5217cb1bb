import type { Knex } from 'knex';
import type { FeePeriod } from '@common/fee-period';
import { chunks, IN_LIST_CHUNK } from '../db/dialect';

/**
 * Brings `unit_period_totals` and `unit_period_persons` in line with the payment details of these units
 * (or of every unit) in the period (or in every period): each writer of details calls it in its own
 * transaction, under the unit's lock, so a unit's payment periods read a few summary rows instead of
 * aggregating every detail. Set-based: the scope's summary rows are deleted and aggregated afresh.
 */
export async function refreshPeriodTotals(db: Knex, scope: { unitIds?: readonly number[]; period?: FeePeriod } = {}): Promise<void> {
  const slices = scope.unitIds ? chunks(scope.unitIds, IN_LIST_CHUNK) : [undefined];
  for (const unitIds of slices) {
    if (unitIds?.length === 0) continue;
    const within = (query: Knex.QueryBuilder) => {
      if (unitIds) query.whereIn('unit_id', unitIds);
      if (scope.period) query.where('fee_period', scope.period);
      return query;
    };
    const paid = (column: string) => db.raw(`sum(case when paid_at is not null then ${column} else 0 end)`);
    await within(db('unit_period_totals')).delete();
    await insertSelect(
      db,
      'unit_period_totals (unit_id, fee_period, insurance_type, details, unit_amount_fen, person_amount_fen, unit_paid_fen, person_paid_fen)',
      within(db('payment_details'))
        .groupBy('unit_id', 'fee_period', 'insurance_type')
        .select('unit_id', 'fee_period', 'insurance_type', db.raw('count(*)'))
        .select(db.raw('sum(unit_amount_fen)'), db.raw('sum(person_amount_fen)'), paid('unit_amount_fen'), paid('person_amount_fen')),
    );
    await within(db('unit_period_persons')).delete();
    await insertSelect(
      db,
      'unit_period_persons (unit_id, fee_period, persons)',
      within(db('payment_details')).groupBy('unit_id', 'fee_period').select('unit_id', 'fee_period', db.raw('count(distinct person_id)')),
    );
  }
}

/** INSERT INTO the table's columns the rows of a query, in one statement on either database. */
async function insertSelect(db: Knex, into: string, rows: Knex.QueryBuilder): Promise<void> {
  const { sql, bindings } = rows.toSQL();
  await db.raw(`INSERT INTO ${into} ${sql}`, bindings);
}

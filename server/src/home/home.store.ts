import type { Knex } from 'knex';
import type { FeePeriod } from '@common/fee-period';

interface CountRow {
  n: number | string | null;
}

interface AmountsRow {
  unit: number | string | null;
  person: number | string | null;
}

/** Counts and sums come back as strings from PostgreSQL's bigint and numeric. */
const asNumber = (value: number | string | null | undefined) => Number(value ?? 0);

/** The counts behind the home pages; every unit figure starts from the unit. */
export class HomeStore {
  constructor(private readonly db: Knex) {}

  /** Persons actively employed by the unit whose employment has begun by the period. */
  async insuredCount(unitId: number, period: FeePeriod): Promise<number> {
    const row = await this.db('employments')
      .where({ unit_id: unitId, status: 'active' })
      .andWhere('start_month', '<=', period)
      .countDistinct({ n: 'person_id' })
      .first<CountRow | undefined>();
    return asNumber(row?.n);
  }

  /** Submissions waiting for review: the unit's, or every unit's. */
  async pendingCount(unitId?: number): Promise<number> {
    const query = this.db('declarations').where({ status: 'pending' });
    if (unitId !== undefined) query.where({ unit_id: unitId });
    const row = await query.count({ n: '*' }).first<CountRow | undefined>();
    return asNumber(row?.n);
  }

  /** Unit and personal amounts of the period's payment details, paid or not: the period totals (migration 023), not every detail. */
  async amountDueFen(unitId: number, period: FeePeriod): Promise<number> {
    const row = await this.db('unit_period_totals')
      .where({ unit_id: unitId, fee_period: period })
      .sum({ unit: 'unit_amount_fen', person: 'person_amount_fen' })
      .first<AmountsRow | undefined>();
    return asNumber(row?.unit) + asNumber(row?.person);
  }
}

import type { Knex } from 'knex';
import type { ReviewerHome, UnitHome } from '@common/api/home';
import { currentFeePeriod } from '@common/fee-period';
import type { Clock } from '../clock';

/** The figures on the first page each role sees. */
export class HomeService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async unitHome(unitId: number): Promise<UnitHome> {
    const period = currentFeePeriod(this.clock.now());
    const [insured, pending, due] = await Promise.all([
      this.db('employments')
        .where({ unit_id: unitId, status: 'active' })
        .andWhere('start_month', '<=', period)
        .countDistinct({ n: 'person_id' })
        .first(),
      this.db('declarations').where({ unit_id: unitId, status: 'pending' }).count({ n: '*' }).first(),
      this.db('payment_details')
        .where({ unit_id: unitId, fee_period: period })
        .sum({ unit: 'unit_amount_fen', person: 'person_amount_fen' })
        .first(),
    ]);
    return {
      period,
      insuredCount: Number(insured?.n ?? 0),
      pendingCount: Number(pending?.n ?? 0),
      dueThisMonthFen: Number(due?.unit ?? 0) + Number(due?.person ?? 0),
    };
  }

  async reviewerHome(): Promise<ReviewerHome> {
    const [pending, units] = await Promise.all([
      this.db('declarations').where({ status: 'pending' }).count({ n: '*' }).first(),
      this.db('units').count({ n: '*' }).first(),
    ]);
    return { pendingCount: Number(pending?.n ?? 0), unitCount: Number(units?.n ?? 0) };
  }
}

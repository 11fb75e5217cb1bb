import type { Knex } from 'knex';
import type { ReviewerHome, UnitHome } from '@common/api/home';
import { currentFeePeriod } from '@common/fee-period';
import type { Clock } from '../clock';
import { UnitStore } from '../unit/unit.store';
import { HomeStore } from './home.store';

/** The figures on the first page each role sees. */
export class HomeService {
  constructor(
    private readonly home: HomeStore,
    private readonly units: UnitStore,
    private readonly clock: Clock,
  ) {}

  async unitHome(unitId: number): Promise<UnitHome> {
    const period = currentFeePeriod(this.clock.now());
    const [insuredCount, pendingCount, dueThisMonthFen] = await Promise.all([
      this.home.insuredCount(unitId, period),
      this.home.pendingCount(unitId),
      this.home.amountDueFen(unitId, period),
    ]);
    return { period, insuredCount, pendingCount, dueThisMonthFen };
  }

  async reviewerHome(): Promise<ReviewerHome> {
    const [pendingCount, unitCount] = await Promise.all([this.home.pendingCount(), this.units.count()]);
    return { pendingCount, unitCount };
  }
}

/** The home feature's wiring on a knex handle. */
export function createHomeService(db: Knex, clock: Clock): HomeService {
  return new HomeService(new HomeStore(db), new UnitStore(db), clock);
}

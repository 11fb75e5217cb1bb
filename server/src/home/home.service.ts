import type { Knex } from 'knex';
import type { ReviewerHome, UnitHome } from '@common/api/home';
import { currentFeePeriod } from '@common/fee-period';
import type { Clock } from '../clock';
import { UnitService } from '../unit/unit.service';
import { HomeStore } from './home.store';

/** The figures on the first page each role sees. */
export class HomeService {
  private readonly home: HomeStore;
  private readonly units: UnitService;

  /** The feature's wiring on a knex handle. */
  constructor(
    db: Knex,
    private readonly clock: Clock,
  ) {
    this.home = new HomeStore(db);
    this.units = new UnitService(db, clock);
  }

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
